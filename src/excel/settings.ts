/// <reference types="office-js" />
/**
 * SettingsStore over the document's add-in settings (Office.context.document.settings): values
 * are kept in the workbook file, so they survive a reload of the task pane and of the document.
 */
import type { SettingsStore } from "../host/workbook-host";
import { toHostError } from "./errors";

/** The subset of Office.Settings used here (so a test or the browser demo can pass its own). */
export type OfficeSettingsLike = Pick<Office.Settings, "get" | "set" | "remove" | "saveAsync">;

export function createDocumentSettings(settings?: OfficeSettingsLike): SettingsStore {
  const target = (): OfficeSettingsLike => settings ?? Office.context.document.settings;
  return {
    get(key: string): unknown {
      const value: unknown = target().get(key);
      return value === undefined ? null : value;
    },
    set(key: string, value: unknown): void {
      if (value === null || value === undefined) target().remove(key);
      else target().set(key, value);
    },
    save(): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        try {
          target().saveAsync((result: Office.AsyncResult<void>) => {
            if (String(result.status) === "failed") reject(toHostError(result.error));
            else resolve();
          });
        } catch (error) {
          reject(toHostError(error));
        }
      });
    },
  };
}
