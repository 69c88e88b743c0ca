// waymark radar: what the radar pages do with JavaScript on. Without it
// every blip is a link to its page and every list is there to read.
//
// - radar/#kafka highlights Kafka in the drawings and the lists.
// - A blip and its entries in the lists light up together while either
//   is hovered or focused.
// - A tooltip names a blip, its ring and its movement on hover, focus
//   and touch.
// - A click, a tap or Enter on a blip opens its summary in place: ring,
//   the blip's own summary (data-summary), owner, licence and a link to
//   its page (a click with a modifier key still follows
//   the link).
// - The filter box and the ring and tag chips dim the blips and entries
//   that do not match, and keep the filter in the address
//   (radar/?tag=messaging&ring=adopt&q=kafka), so it survives a reload
//   and can be shared.
(function () {
  "use strict";
  var svgs = document.querySelectorAll(".radar-svg");
  if (!svgs.length) return;

  function esc(id) { return window.CSS && CSS.escape ? CSS.escape(id) : id; }
  function all(id) { return document.querySelectorAll('[data-blip="' + esc(id) + '"]'); }
  // info is the description of a blip that the lists carry.
  function info(id) { return document.querySelector('[data-blip="' + esc(id) + '"][data-title]'); }
  function blipOf(el) { return el && el.closest ? el.closest(".radar-svg .blip") : null; }
  function idOf(el) {
    var host = el && el.closest ? el.closest("[data-blip]") : null;
    return host ? host.getAttribute("data-blip") : "";
  }
  function mark(id, cls, on) {
    all(id).forEach(function (el) { el.classList.toggle(cls, on); });
  }

  // The highlight named in the address.
  function fromHash() {
    document.querySelectorAll(".highlight").forEach(function (el) { el.classList.remove("highlight"); });
    svgs.forEach(function (s) { s.classList.remove("has-highlight"); });
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!id || !document.querySelector('.radar-svg [data-blip="' + esc(id) + '"]')) return;
    mark(id, "highlight", true);
    svgs.forEach(function (s) { s.classList.add("has-highlight"); });
    var shown = [].filter.call(document.querySelectorAll('.radar-svg a[data-blip="' + esc(id) + '"]'), function (a) { return a.getClientRects().length; })[0];
    if (shown) {
      shown.focus({ preventScroll: true });
      shown.scrollIntoView({ block: "center", inline: "center" });
    }
  }

  // The tooltip.
  var tip = document.createElement("div");
  tip.className = "radar-tip";
  tip.setAttribute("role", "tooltip");
  tip.id = "radar-tip";
  tip.hidden = true;
  document.body.appendChild(tip);
  var moves = { "new": "new", "moved-in": "moved in", "moved-out": "moved out" };

  function describe(id) {
    var d = info(id);
    if (!d) return "";
    var m = moves[d.getAttribute("data-move")];
    return d.getAttribute("data-title") + " · " + d.getAttribute("data-ring-title") + (m ? ", " + m : "");
  }
  function place(box, anchor) {
    var r = anchor.getBoundingClientRect();
    var x = r.left + window.scrollX + r.width / 2 - box.offsetWidth / 2;
    x = Math.max(window.scrollX + 8, Math.min(x, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8));
    var y = r.top + window.scrollY - box.offsetHeight - 8;
    if (y < window.scrollY) y = r.bottom + window.scrollY + 8;
    box.style.left = x + "px";
    box.style.top = y + "px";
  }
  function showTip(blip) {
    var text = describe(blip.getAttribute("data-blip"));
    if (!text) return;
    tip.textContent = text;
    tip.hidden = false;
    place(tip, blip);
  }
  function hideTip() { tip.hidden = true; }

  // The summary card.
  var card = document.createElement("div");
  card.className = "blip-card";
  card.setAttribute("role", "dialog");
  card.setAttribute("aria-labelledby", "blip-card-title");
  card.hidden = true;
  document.body.appendChild(card);
  var opened = null;

  function line(text) {
    var p = document.createElement("p");
    p.textContent = text;
    return p;
  }
  function openCard(blip) {
    var id = blip.getAttribute("data-blip"), d = info(id);
    if (!d) return false;
    closeCard(false);
    hideTip();
    card.textContent = "";
    var h = document.createElement("h2");
    h.id = "blip-card-title";
    h.textContent = d.getAttribute("data-title");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.setAttribute("aria-label", "Close");
    close.textContent = "×";
    close.addEventListener("click", function () { closeCard(true); });
    card.appendChild(close);
    card.appendChild(h);
    var m = moves[d.getAttribute("data-move")];
    card.appendChild(line(d.getAttribute("data-ring-title") + " · " + d.getAttribute("data-quadrant") + (m ? " · " + m : "")));
    if (d.getAttribute("data-summary")) {
      var summary = line(d.getAttribute("data-summary"));
      summary.className = "blip-card-summary";
      card.appendChild(summary);
    }
    if (d.getAttribute("data-owner")) card.appendChild(line("Owner: " + d.getAttribute("data-owner")));
    if (d.getAttribute("data-licence")) card.appendChild(line("Licence: " + d.getAttribute("data-licence") + ", " + d.getAttribute("data-verdict")));
    var p = document.createElement("p"), a = document.createElement("a");
    a.href = blip.getAttribute("href");
    a.textContent = "Read about " + d.getAttribute("data-title");
    p.appendChild(a);
    card.appendChild(p);
    card.hidden = false;
    place(card, blip);
    opened = blip;
    blip.classList.add("open");
    a.focus({ preventScroll: true });
    return true;
  }
  function closeCard(refocus) {
    if (card.hidden) return;
    card.hidden = true;
    if (opened) {
      opened.classList.remove("open");
      if (refocus) opened.focus({ preventScroll: true });
    }
    opened = null;
  }

  document.addEventListener("click", function (ev) {
    var blip = blipOf(ev.target);
    if (blip && blip.matches("a") && !(ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey || ev.button)) {
      if (openCard(blip)) ev.preventDefault();
      return;
    }
    if (!card.contains(ev.target)) closeCard(false);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { closeCard(true); hideTip(); }
  });

  function pair(on) {
    return function (ev) {
      var id = idOf(ev.target);
      if (id) mark(id, "paired", on);
      var blip = blipOf(ev.target);
      if (blip) { if (on) showTip(blip); else hideTip(); }
    };
  }
  ["mouseover", "focusin"].forEach(function (t) { document.addEventListener(t, pair(true)); });
  ["mouseout", "focusout"].forEach(function (t) { document.addEventListener(t, pair(false)); });
  document.addEventListener("touchstart", function (ev) {
    var blip = blipOf(ev.target);
    if (blip) showTip(blip); else hideTip();
  }, { passive: true });

  // The filter.
  var form = document.getElementById("radar-filter");
  if (form) {
    var box = form.querySelector("input[name=q]");
    var chips = form.querySelectorAll(".chip");
    var result = form.querySelector(".filter-result");
    var empty = document.querySelector(".filter-empty");
    var params = new URLSearchParams(location.search);
    box.value = params.get("q") || "";
    chips.forEach(function (c) {
      var want = (params.get(c.getAttribute("data-name")) || "").split(",");
      c.setAttribute("aria-pressed", want.indexOf(c.value) >= 0 ? "true" : "false");
      c.addEventListener("click", function () {
        c.setAttribute("aria-pressed", c.getAttribute("aria-pressed") === "true" ? "false" : "true");
        apply(true);
      });
    });
    box.addEventListener("input", function () { apply(true); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.hidden = false;

    var apply = function (remember) {
      var q = box.value.trim().toLowerCase();
      var picked = { ring: [], tag: [] };
      chips.forEach(function (c) { if (c.getAttribute("aria-pressed") === "true") picked[c.getAttribute("data-name")].push(c.value); });
      var on = q !== "" || picked.ring.length > 0 || picked.tag.length > 0;
      var ids = {}, shown = 0, total = 0;
      document.querySelectorAll("[data-blip][data-title]").forEach(function (d) {
        var id = d.getAttribute("data-blip");
        if (id in ids) return;
        var text = [d.getAttribute("data-title"), d.getAttribute("data-owner"), d.getAttribute("data-licence"), d.getAttribute("data-tags")].join(" ").toLowerCase();
        var tags = (d.getAttribute("data-tags") || "").split(" ");
        var ok = (!q || text.indexOf(q) >= 0) &&
          (!picked.ring.length || picked.ring.indexOf(d.getAttribute("data-ring")) >= 0) &&
          (!picked.tag.length || picked.tag.some(function (t) { return tags.indexOf(t) >= 0; }));
        ids[id] = ok;
        total++;
        if (ok) shown++;
      });
      document.querySelectorAll("[data-blip]").forEach(function (el) {
        el.classList.toggle("dim", on && ids[el.getAttribute("data-blip")] === false);
      });
      result.textContent = on ? shown + " of " + total + " blips match" : "";
      var details = form.querySelector(".filter-tags");
      if (details) {
        details.querySelector(".picked").textContent = picked.tag.length ? "(" + picked.tag.length + " chosen)" : "";
        if (picked.tag.length && !remember) details.open = true;
      }
      if (empty) empty.hidden = !on || shown > 0;
      if (remember) {
        var p = new URLSearchParams();
        if (q) p.set("q", box.value.trim());
        if (picked.ring.length) p.set("ring", picked.ring.join(","));
        if (picked.tag.length) p.set("tag", picked.tag.join(","));
        var s = p.toString();
        history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
      }
    };
    apply(false);
  }

  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
