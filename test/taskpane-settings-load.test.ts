/**
 * @jest-environment jsdom
 *
 * The settings card's content is loaded when the card is first opened (not with the pane): until
 * then the pane holds none of its controls; while it loads the card says so; when the load fails
 * (the add-in's server out of reach) the card says what to do, and opening it again retries.
 */
import { TaskpaneController } from "../src/taskpane/controller";
import { mountView, type TaskpaneView } from "../src/taskpane/view";
import { FakeHost, MemorySettings } from "./helpers/fake-host";
import { edited } from "../src/fixtures/report-builder";
import { loadStrings } from "../src/taskpane/i18n";

// English panes load their texts on demand, as taskpane.ts does before mounting.
beforeAll(() => loadStrings("en"));

const BODY = "../src/taskpane/view/settings-body";
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

let root: HTMLElement;
let view: TaskpaneView | null = null;
let offline = false;

beforeEach(() => {
  document.body.innerHTML = '<div id="app"></div>';
  root = document.getElementById("app")!;
  offline = false;
  jest.resetModules();
  // Each opening requires the content again until one succeeds (a failed require is not cached).
  jest.doMock(BODY, () => {
    if (offline) throw new Error("ChunkLoadError: Loading chunk settings-view failed.");
    return jest.requireActual(BODY);
  });
  jest.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  view?.destroy();
  view = null;
  jest.restoreAllMocks();
});

async function mount(lang: "ja" | "en" = "ja") {
  const controller = new TaskpaneController(
    new FakeHost(edited({ sections: [{ number: 1, blocks: [{}] }] }, [])),
    new MemorySettings(),
    lang,
    { log: () => {} },
  );
  view = mountView(root, controller);
  await controller.validate();
  return controller;
}

const card = () => root.querySelector<HTMLDetailsElement>("details.settings")!;
const body = () => root.querySelector<HTMLElement>(".settings-body")!;

function toggle(open: boolean): void {
  card().open = open;
  card().dispatchEvent(new Event("toggle"));
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await flush();
}

it("holds no settings controls until the card is opened, then shows them", async () => {
  await mount();
  expect(card().open).toBe(false);
  expect(root.querySelector("#setting-rate")).toBeNull();
  expect(body().textContent).toBe(""); // nothing loading while the card stays closed
  toggle(true);
  expect(body().textContent).toBe("設定を読み込んでいます…");
  await settle();
  expect(root.querySelector("#setting-rate")).not.toBeNull();
  expect(root.querySelector("#setting-year")).not.toBeNull();
  expect(body().textContent).toContain("設定はこのブックに保存され");
});

it("says so when the content cannot be loaded, and loads it when the card is opened again", async () => {
  await mount();
  offline = true;
  toggle(true);
  await settle();
  const alert = body().querySelector('[role="alert"]');
  expect(alert?.textContent).toBe("設定の画面を読み込めませんでした。ネットワークの接続を確かめ、「設定」を閉じてもう一度開いてください。");
  expect(root.querySelector("#setting-rate")).toBeNull();

  offline = false;
  toggle(false);
  await settle();
  expect(root.querySelector("#setting-rate")).toBeNull(); // closing does not load
  toggle(true);
  await settle();
  expect(root.querySelector("#setting-rate")).not.toBeNull();
  expect(body().querySelector('[role="alert"]')).toBeNull();
});

it("speaks English in an English pane", async () => {
  await mount("en");
  offline = true;
  toggle(true);
  expect(body().textContent).toBe("Loading the settings…");
  await settle();
  expect(body().textContent).toBe("The settings could not be loaded. Check the network connection, then close Settings and open it again.");
});

it("loads at once where <details> is not supported (EdgeHTML shows the content always, with no toggle event)", async () => {
  const open = Object.getOwnPropertyDescriptor(HTMLDetailsElement.prototype, "open")!;
  delete (HTMLDetailsElement.prototype as { open?: boolean }).open;
  try {
    await mount();
    await settle();
    expect(root.querySelector("#setting-rate")).not.toBeNull();
  } finally {
    Object.defineProperty(HTMLDetailsElement.prototype, "open", open);
  }
});
