/** Severity: the order findings are ranked in and the words people read for each. */
import type { Localized, Severity } from "./types";

/** Most severe first: the order of every list and count the product shows. */
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** 0 for the most severe: sorts and "keep the worse of two" compare these. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export const SEVERITY_LABEL: Readonly<Record<Severity, Localized>> = {
  error: { ja: "エラー", en: "Error" },
  warning: { ja: "警告", en: "Warning" },
  info: { ja: "情報", en: "Info" },
};
