// communique dashboard: the only script. Loaded from the app itself (the CSP forbids inline script).
// Toggles the document page between the annotated repaired text and the raw text.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("toggle-raw");
  var annotated = document.getElementById("annotated");
  var raw = document.getElementById("raw");
  if (!button || !annotated || !raw) {
    return;
  }
  button.addEventListener("click", function () {
    var showRaw = raw.hidden;
    raw.hidden = !showRaw;
    annotated.hidden = showRaw;
    button.textContent = showRaw ? "Show annotated text" : "Show raw text";
    button.setAttribute("aria-pressed", showRaw ? "true" : "false");
  });
});
