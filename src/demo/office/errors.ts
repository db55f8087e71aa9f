/**
 * The emulation's OfficeExtension.Error: what Excel's context.sync() rejects with (name
 * "RichApi.Error", a `code` from Excel.ErrorCodes, a `debugInfo` saying where), so the add-in's
 * error translation (src/excel/errors.ts) sees what it sees in Excel.
 */

/** Excel.ErrorCodes / OfficeExtension.ErrorCodes the emulation raises (and a few more, as Office.js lists them). */
export const ERROR_CODES = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  invalidReference: "InvalidReference",
  invalidRequestContext: "InvalidRequestContext",
  invalidObjectPath: "InvalidObjectPath",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  notImplemented: "NotImplemented",
  propertyNotLoaded: "PropertyNotLoaded",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  runMustReturnPromise: "RunMustReturnPromise",
  unsupportedOperation: "UnsupportedOperation",
} as const;

export interface OfficeErrorDebugInfo {
  code: string;
  message: string;
  /** "Range.values" and the like: where in the batch it failed. */
  errorLocation?: string;
  statement?: string;
}

export class OfficeError extends Error {
  override readonly name = "RichApi.Error";
  readonly code: string;
  readonly debugInfo: OfficeErrorDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: unknown = null;
  readonly httpStatusCode: number;

  constructor(code: string, message: string, errorLocation?: string, httpStatusCode = 400) {
    super(message);
    this.code = code;
    this.httpStatusCode = httpStatusCode;
    this.debugInfo = errorLocation === undefined ? { code, message } : { code, message, errorLocation };
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

/** Office.js's own texts for the codes the emulation raises most (Excel's English wording). */
export const MESSAGES = {
  accessDenied: "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
  apiNotFound:
    "The API you are trying to use could not be found. It may be available in a newer version of Excel. " +
    'Please refer to the documentation: "Excel JavaScript API requirement sets" for more information.',
  itemNotFound: "The requested resource doesn't exist.",
  invalidArgument: "The argument is invalid or missing or has an incorrect format.",
  nullObject: "The object path isn't working for what you're trying to do: the object is a null object.",
  dimensions: "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
  mergedPart: "Cannot change part of a merged cell.",
  /** Office's L_InvalidOperationInCellEditMode (office_strings.js). */
  cellEditMode:
    "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
  /** Range.getMergedAreasOrNullObject past 512 merged areas: documented to fail, the wording and code are not. */
  tooManyMergedAreas: "There are more than 512 merged areas in the range.",
  alreadyProtected: "The worksheet is already protected.",
  /** Adding or deleting a sheet of a workbook whose structure is protected: Excel's wording is not documented. */
  structureProtected: "The workbook's structure is protected. To add or delete sheets, unprotect the workbook.",
  sheetExists: "A worksheet with this name already exists.",
  /** Deleting the last visible sheet (Excel's UI refuses it too). */
  lastVisibleSheet: "A workbook must contain at least one visible worksheet.",
  /** Activating or selecting on a hidden sheet: Excel's wording is not documented. */
  hiddenSheet: "The operation cannot be performed on a hidden worksheet.",
  tooLarge:
    'The response payload size has exceeded the limit. Please refer to the documentation: "Resource limits and performance optimization for Office Add-ins".',
  propertyNotLoaded: (name: string) =>
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
};

export function propertyNotLoaded(typeName: string, property: string): OfficeError {
  return new OfficeError(ERROR_CODES.propertyNotLoaded, MESSAGES.propertyNotLoaded(property), `${typeName}.${property}`);
}

/** Anything thrown inside a batch, as Excel reports it (an emulator bug becomes a GeneralException). */
export function asOfficeError(error: unknown): OfficeError {
  if (error instanceof OfficeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new OfficeError(ERROR_CODES.generalException, `An internal error has occurred. (${message})`, undefined, 500);
}
