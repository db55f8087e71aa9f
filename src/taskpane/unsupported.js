/* The pane's start check, ES5 for Internet Explorer 11: see taskpane.html and webpack.config.js. */
(function (w, d) {
  "use strict";
  function fn(o, k) {
    return !!o && typeof o[k] === "function";
  }
  // Trident, or no built-ins every ES2017 engine has (feature checks: the CSP forbids eval).
  var ok =
    !/Trident\/|MSIE /.test(w.navigator.userAgent) &&
    fn(w, "Promise") &&
    fn(w, "Symbol") &&
    fn(w, "Map") &&
    fn(w, "Set") &&
    fn(Object, "assign") &&
    fn(Object, "entries") &&
    fn(Array, "from") &&
    fn(Array.prototype, "includes") &&
    fn(String.prototype, "padStart");
  if (ok) return;
  d.documentElement.setAttribute("data-unsupported", "");
  var app = d.getElementById("app");
  var message = d.getElementById("unsupported");
  if (!app || !message) return;
  // Without #app the bundle (deferred after this file) starts nothing, where it parses at all.
  app.parentNode.removeChild(app);
  message.removeAttribute("hidden");
  // Tell Office (office.js is ES5) the page has started.
  try {
    if (fn(w.Office, "onReady")) w.Office.onReady();
  } catch (ignored) {
    // The message is shown already.
  }
})(window, document);
