/**
 * The manifest's FunctionFile (commands.html loads this bundle).
 *
 * Deliberately empty: the ribbon button's action is ShowTaskpane, which Office performs itself, and
 * the task pane validates as soon as it opens. No ExecuteFunction command exists, so nothing is
 * registered with Office.actions.associate. The page is still required: the manifest's
 * DesktopFormFactor must name a FunctionFile, and Office expects the page to initialize Office.js
 * (Office.onReady) before it is considered loaded. A future ExecuteFunction button (e.g. "check
 * without opening the pane") would be registered here inside onReady.
 */
import { onOfficeReady } from "../excel/office";

onOfficeReady(() => {
  // Nothing to register; see above.
});
