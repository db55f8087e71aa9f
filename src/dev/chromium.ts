/**
 * How the end-to-end tests and the bench start a browser: Debian's Chromium (apt-get install
 * chromium, or CHROMIUM_PATH) through playwright-core, headless and quiet — no browser download.
 */
import * as fs from "fs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** Why Chromium cannot be started here, or null when it can. */
export function chromiumMissing(): string | null {
  return fs.existsSync(CHROMIUM)
    ? null
    : `Chromium is not at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`;
}

/** The launch options: headless, quiet, Debian's Chromium. */
export function chromiumLaunchOptions(): { executablePath: string; headless: true; args: string[] } {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  return { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS };
}
