// waymark radar: highlights the blip named in the address (radar/#kafka)
// and pairs each legend entry with its blip while either is hovered or
// focused. The radar and its legend work without it.
(function () {
  "use strict";
  var svg = document.querySelector(".radar-svg");
  if (!svg) return;

  function entries(id) {
    return document.querySelectorAll('[data-blip="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]');
  }

  function mark(id, cls, on) {
    var blip = document.getElementById("blip-" + id);
    if (blip) blip.classList.toggle(cls, on);
    entries(id).forEach(function (el) { el.classList.toggle(cls, on); });
    return blip;
  }

  function fromHash() {
    document.querySelectorAll(".highlight").forEach(function (el) { el.classList.remove("highlight"); });
    svg.classList.remove("has-highlight");
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!id) return;
    var blip = mark(id, "highlight", true);
    if (!blip) return;
    svg.classList.add("has-highlight");
    if (blip.focus) blip.focus({ preventScroll: true });
    blip.scrollIntoView({ block: "center", inline: "center" });
  }

  function idOf(el) {
    var host = el && el.closest ? el.closest("[data-blip], .blip") : null;
    if (!host) return "";
    if (host.dataset && host.dataset.blip) return host.dataset.blip;
    return (host.id || "").replace(/^blip-/, "");
  }

  function pair(on) {
    return function (ev) {
      var id = idOf(ev.target);
      if (id) mark(id, "paired", on);
    };
  }

  ["mouseover", "focusin"].forEach(function (t) { document.addEventListener(t, pair(true)); });
  ["mouseout", "focusout"].forEach(function (t) { document.addEventListener(t, pair(false)); });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
