// waymark: instant filtering of the decisions index by status, tag and
// overdue review.
// Without this script the index still works: records are grouped in
// sections by status, and tags link to their own pages.
(function () {
  "use strict";
  var form = document.getElementById("decision-filter");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".status-group tr[data-status]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".status-group"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="status"]'));
  var select = form.querySelector('select[name="tag"]');
  var review = form.querySelector('input[name="review"]');
  var result = form.querySelector(".filter-result");
  var empty = document.querySelector(".filter-empty");

  // The filter lives in the query string, so a filtered list can be linked:
  // decisions/index.html?status=accepted,proposed&tag=messaging&review=due
  function readURL() {
    var q = new URLSearchParams(location.search);
    var statuses = q.get("status");
    if (statuses) {
      var want = statuses.split(",");
      boxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
    }
    if (select && q.get("tag")) select.value = q.get("tag");
    if (review) review.checked = q.get("review") === "due";
  }

  function writeURL() {
    var q = new URLSearchParams(location.search);
    var on = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    if (on.length === boxes.length) q.delete("status"); else q.set("status", on.join(","));
    if (select && select.value) q.set("tag", select.value); else q.delete("tag");
    if (review && review.checked) q.set("review", "due"); else q.delete("review");
    var s = q.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
  }

  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var tag = select ? select.value : "";
    var shown = 0;
    rows.forEach(function (tr) {
      var ok = on[tr.getAttribute("data-status")] &&
        (!tag || (" " + tr.getAttribute("data-tags") + " ").indexOf(" " + tag + " ") >= 0) &&
        (!review || !review.checked || tr.getAttribute("data-review") === "due");
      tr.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector("tr[data-status]:not([hidden])");
    });
    if (result) result.textContent = shown + " of " + rows.length + " decisions";
    if (empty) empty.hidden = shown > 0;
  }

  readURL();
  form.hidden = false;
  // The filter shows the count of each status: the jump links that show
  // them without JavaScript would say it twice.
  var counts = document.querySelector(".status-counts");
  if (counts) counts.hidden = true;
  form.addEventListener("change", function () { apply(); writeURL(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
