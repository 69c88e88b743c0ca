// Draws the page's mermaid diagrams. Each is a <pre class="mermaid">
// holding its source as text, which readers without JavaScript see as
// code; mermaid (assets/vendor/mermaid/, loaded before this file, only by
// pages with a diagram) replaces it with an SVG drawing, in mermaid's dark
// theme when the reader's system is dark.
(function () {
  "use strict";
  if (!window.mermaid) return;
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
  window.mermaid.run({ querySelector: "pre.mermaid" });
})();
