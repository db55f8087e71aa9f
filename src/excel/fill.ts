/// <reference types="office-js" />
/**
 * The highlight's vocabulary: its colours, the settings key of the saved fills, and Excel's fill
 * patterns. Its own module so that what only needs these names (the host's options, the demo's
 * emulator) does not load highlight.ts, which the pane loads on first use (a chunk with zod).
 */
import type { Severity } from "../core";

/** Light red / light yellow / light blue: Excel's own "Light Red Fill" family, readable with black text. */
export const HIGHLIGHT_COLORS: Readonly<Record<Severity, string>> = {
  error: "#FFC7CE",
  warning: "#FFEB9C",
  info: "#DDEBF7",
};
export const HIGHLIGHT_SETTINGS_KEY = "kpiChecker.highlights";

/**
 * Excel.FillPattern's values (RangeFill.pattern, ExcelApi 1.9;
 * learn.microsoft.com/javascript/api/excel/excel.fillpattern): a saved pattern is set back only
 * when it is one of them, so a hand-edited setting cannot make the restore batch fail.
 */
export const FILL_PATTERNS = [
  "None",
  "Solid",
  "Gray50",
  "Gray75",
  "Gray25",
  "Horizontal",
  "Vertical",
  "Down",
  "Up",
  "Checker",
  "SemiGray75",
  "LightHorizontal",
  "LightVertical",
  "LightDown",
  "LightUp",
  "Grid",
  "CrissCross",
  "Gray16",
  "Gray8",
  "LinearGradient",
  "RectangularGradient",
] as const satisfies readonly `${Excel.FillPattern}`[];
