// waymark: small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // /radar/#kafka highlights the Kafka blip on the radar.
  function highlight() {
    var id = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll(".radar-svg .blip.highlight").forEach(function (el) { el.classList.remove("highlight"); });
    if (!id) return;
    var blip = document.getElementById("blip-" + id);
    if (blip) {
      blip.classList.add("highlight");
      if (blip.focus) blip.focus();
    }
  }
  window.addEventListener("hashchange", highlight);
  highlight();
})();
