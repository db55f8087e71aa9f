/** The pane's settings card in jsdom tests: its content is loaded the first time it is opened. */

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Opens the settings card under `root` and waits until its content is there. */
export async function openSettings(root: HTMLElement): Promise<void> {
  const card = root.querySelector<HTMLDetailsElement>("details.settings");
  if (!card) throw new Error("no settings card in the pane");
  card.open = true;
  card.dispatchEvent(new Event("toggle"));
  for (let i = 0; i < 20 && !root.querySelector("#setting-rate"); i++) await flush();
  if (!root.querySelector("#setting-rate")) throw new Error("the settings card's content did not load");
}
