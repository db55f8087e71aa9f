/** What the task pane's tests share: the faulty report they open, and the settings card in jsdom. */
import type { WorkbookData } from "../../src/core";
import { edited, firstYear } from "../../src/fixtures/report-builder";

/**
 * Two projects: (1) with a wrong status (事業1!G18 says 未達成 for 120 against 100) and a wrong
 * N字 count; (2) clean. The summary's grant of (1) is off by one yen, and the 事業費 total (F7)
 * is typed in wrong (a workbook-level finding).
 */
export function faultyReport(): WorkbookData {
  return edited(
    {
      sections: [
        { number: 1, blocks: [{ name: "相談件数", years: firstYear(100, 120, "未達成"), achievedCount: "99字" }, {}] },
        { number: 2, blocks: [{}] },
      ],
      projects: { 1: { cost: 1_000_001, grant: 500_001 } },
      totalCost: 3_000_000,
    },
    [],
  );
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Opens the settings card under `root` (its content loads on first opening) and waits until its content is there. */
export async function openSettings(root: HTMLElement): Promise<void> {
  const card = root.querySelector<HTMLDetailsElement>("details.settings");
  if (!card) throw new Error("no settings card in the pane");
  card.open = true;
  card.dispatchEvent(new Event("toggle"));
  for (let i = 0; i < 20 && !root.querySelector("#setting-rate"); i++) await flush();
  if (!root.querySelector("#setting-rate")) throw new Error("the settings card's content did not load");
}
