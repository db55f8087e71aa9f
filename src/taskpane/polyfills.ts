/**
 * The built-ins newer than ES2017 that the pane's bundle names, for the webviews that lack them
 * (EdgeHTML, Edge 18: Office 2019 retail and older Microsoft 365 builds; see Microsoft's "Browsers
 * and webview controls used by Office Add-ins"). Our own code keeps to ES2017 (eslint-plugin-es-x in
 * eslint.config.mjs); zod uses these two when its modules load, so this file is the pane entry's
 * first import. test/build-syntax.test.ts fails when the bundle names another newer built-in, and
 * the e2e suite runs the pane with all of them removed.
 */

/** What this file provides, by the names test/helpers/script-syntax.ts gives them. */
export const POLYFILLED = ["globalThis", "Object.fromEntries"] as const;

type Global = Record<string, unknown>;
// The page's global object (the pane runs in a window; self also covers a worker). Elsewhere (Node,
// in the tests) both built-ins exist already.
const root = (typeof self !== "undefined" ? self : typeof window !== "undefined" ? window : undefined) as unknown as Global | undefined;
if (root && typeof root["globalThis"] === "undefined") {
  Object.defineProperty(root, "globalThis", { value: root, writable: true, configurable: true });
}

// eslint-disable-next-line es-x/no-object-fromentries -- the check for it
if (typeof (Object as unknown as Global)["fromEntries"] !== "function") {
  Object.defineProperty(Object, "fromEntries", {
    value: function fromEntries<T>(entries: Iterable<readonly [PropertyKey, T]>): Record<PropertyKey, T> {
      const out: Record<PropertyKey, T> = {};
      for (const [key, value] of entries) out[key as string] = value;
      return out;
    },
    writable: true,
    configurable: true,
  });
}
