/** What the pane's regions share: the context they render with and the contract the view drives them by. */
import type { Severity } from "../../core";
import type { TaskpaneController, TaskpaneState } from "../controller";
import type { Strings } from "../i18n";

export interface ViewContext {
  readonly doc: Document;
  readonly s: Strings;
  readonly controller: TaskpaneController;
  /** A document-unique id (for aria-describedby, label for, aria-labelledby). */
  newId(prefix: string): string;
  /** Re-renders the whole pane, for a region whose own state (not the controller's) changed. */
  render(): void;
}

export interface Region {
  /** The region's outermost element, placed in the pane once by the view. */
  readonly element: HTMLElement;
  /** What the region shows, compared by identity: the view rebuilds it only when one of these changed. */
  inputs(state: TaskpaneState): readonly unknown[];
  /** Rebuilds the region's content. */
  render(state: TaskpaneState): void;
}

export const SEVERITY_CLASS: Record<Severity, string> = { error: "error", warning: "warning", info: "info" };
