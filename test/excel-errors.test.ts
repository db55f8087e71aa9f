/** @jest-environment node */
import { errorCodeOf, errorKindOf, hostErrorMessage, toHostError, ERROR_CODE_KINDS } from "../src/excel/errors";
import { HostError } from "../src/host/workbook-host";

/** An OfficeExtension.Error as Excel raises it: code, localized message, debugInfo. */
function officeError(code: string, message = "Office's own text", debugInfo: Record<string, unknown> = { code, message }) {
  return Object.assign(new Error(message), { name: "RichApi.Error", code, debugInfo });
}

describe("toHostError: each Excel error code becomes a message that says what to do", () => {
  test.each([
    // code, words the Japanese message must contain (what to do), words of the English one
    ["AccessDenied", ["保護", "シート保護の解除", "読み取り専用", "もう一度"], ["protected", "Unprotect"]],
    ["InvalidOperationInCellEditMode", ["編集中", "Enter", "Esc", "もう一度"], ["Enter", "Esc"]],
    ["MergedRangeConflict", ["結合", "左上", "解除"], ["merged", "unmerge"]],
    ["RequestPayloadSizeLimitExceeded", ["上限", "5MB", "削除"], ["limit", "Delete"]],
    ["ResponsePayloadSizeLimitExceeded", ["上限", "削除"], ["limit"]],
    ["PayloadTooLarge", ["上限", "削除"], ["limit"]],
    ["RangeExceedsLimit", ["上限"], ["limit"]],
    ["ItemNotFound", ["シート名", "削除", "もう一度「点検」"], ["renamed", "Run the check again"]],
    ["InactiveWorkbook", ["前面", "もう一度"], ["Click the report"]],
    ["ApiNotFound", ["更新"], ["Update Excel"]],
  ])("%s", (code, ja, en) => {
    const error = toHostError(officeError(code));
    expect(error).toBeInstanceOf(HostError);
    expect(error.code).toBe(code);
    for (const word of ja) expect(error.userMessage.ja).toContain(word);
    for (const word of en) expect(error.userMessage.en).toContain(word);
    expect(error.message).toBe(error.userMessage.en);
    expect(error.detail).toBeInstanceOf(Error);
    // Office's own message is never shown: it is localized by Office and not written for users.
    expect(error.userMessage.ja).not.toContain("Office's own text");
  });

  test("every mapped code has a specific (not the generic) message", () => {
    const generic = hostErrorMessage("SomethingElse").ja.replace("SomethingElse", "");
    for (const code of Object.keys(ERROR_CODE_KINDS)) {
      expect(hostErrorMessage(code).ja).not.toContain(generic.slice(0, 20));
    }
  });

  test("InvalidOperation about merged cells is a merge conflict; other InvalidOperations are generic", () => {
    const merged = toHostError(officeError("InvalidOperation", "Cannot change part of a merged cell."));
    expect(merged.code).toBe("InvalidOperation");
    expect(merged.userMessage.ja).toContain("結合");
    expect(toHostError(officeError("InvalidOperation", "結合されたセルの一部を変更することはできません。")).userMessage.ja).toContain(
      "左上",
    );
    const other = toHostError(officeError("InvalidOperation", "The operation is not valid"));
    expect(other.userMessage.ja).toContain("InvalidOperation");
    expect(errorKindOf("InvalidOperation", "merge")).toBe("merged");
    expect(errorKindOf("ItemNotFound", "merge")).toBe("not-found");
  });

  test("an unknown code gets the generic message showing the code", () => {
    const error = toHostError(officeError("GeneralException"));
    expect(error.code).toBe("GeneralException");
    expect(error.userMessage.ja).toContain("エラーコード: GeneralException");
    expect(error.userMessage.ja).toContain("もう一度お試しください");
    expect(error.userMessage.en).toContain("code: GeneralException");
  });

  test("the code is read from code, else debugInfo.code; anything else is Unknown", () => {
    expect(errorCodeOf(officeError("AccessDenied"))).toBe("AccessDenied");
    expect(errorCodeOf({ debugInfo: { code: "ItemNotFound" } })).toBe("ItemNotFound");
    expect(errorCodeOf({ code: 5001, message: "Office.Error" })).toBe("5001");
    expect(errorCodeOf(new TypeError("x is undefined"))).toBe("Unknown");
    expect(errorCodeOf("boom")).toBe("Unknown");
    expect(toHostError(new TypeError("x")).userMessage.ja).toContain("エラーコード: Unknown");
  });

  test("a HostError passes through unchanged", () => {
    const error = new HostError("AccessDenied", { ja: "j", en: "e" });
    expect(toHostError(error)).toBe(error);
  });
});
