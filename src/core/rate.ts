import type { Rate } from "./types";

/** デジタル実装タイプ TYPE1/TYPE2 and TYPE A: the rate when none is set. */
export const DEFAULT_RATE: Readonly<Rate> = { numerator: 1, denominator: 2 };

const RATE = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/;

/** "1/2", "2/3", "3/4", "n/d" -> Rate. Throws a RangeError whose message says what is accepted. */
export function parseRate(text: string): Rate {
  const match = RATE.exec(text.normalize("NFKC"));
  const numerator = match ? Number(match[1]) : NaN;
  const denominator = match ? Number(match[2]) : NaN;
  if (!match || denominator === 0 || numerator === 0 || numerator > denominator) {
    throw new RangeError(
      `補助率「${text}」は分数で指定してください（例: 1/2, 2/3, 3/4） / the rate "${text}" must be a fraction such as 1/2, 2/3 or 3/4`,
    );
  }
  return { numerator, denominator };
}

export function formatRate(rate: Rate): string {
  return `${rate.numerator}/${rate.denominator}`;
}
