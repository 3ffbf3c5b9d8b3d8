/* Bulk retagging from a listing (search results, library, collection): the selection checkboxes belong to the
   bulk form through their form="bulk-form" attribute, so the plain form works without JS. Here: "select all on
   page", a live count, and keeping a ticked box from re-running the search form it sits in. */
(function () {
  "use strict";

  function form() { return document.getElementById("bulk-form"); }
  function boxes() { return Array.prototype.slice.call(document.querySelectorAll("[data-bulk-select]")); }

  function refresh() {
    var f = form();
    if (!f) return;
    var all = boxes();
    var chosen = all.filter(function (b) { return b.checked; }).length;
    f.querySelectorAll("[data-bulk-count]").forEach(function (el) { el.textContent = String(chosen); });
    f.querySelectorAll("[data-bulk-submit]").forEach(function (b) { b.disabled = chosen === 0; });
    var toggle = f.querySelector("[data-bulk-all]");
    if (toggle) {
      toggle.checked = all.length > 0 && chosen === all.length;
      toggle.indeterminate = chosen > 0 && chosen < all.length;
    }
    f.classList.toggle("has-selection", chosen > 0);
  }

  // Capture phase: a selection box must not reach the search/filter form around it (that would search again).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target || !target.matches) return;
    if (target.matches("[data-bulk-select]")) {
      event.stopPropagation();
      refresh();
    } else if (target.matches("[data-bulk-all]")) {
      boxes().forEach(function (b) { b.checked = target.checked; });
      refresh();
    }
  }, true);

  // The page the bulk form returns to is the listing as it is now (instant search changes the address).
  document.addEventListener("submit", function (event) {
    var f = form();
    if (event.target !== f) return;
    var next = f.querySelector("input[name=next]");
    if (next) next.value = window.location.pathname + window.location.search;
  }, true);

  document.addEventListener("htmx:afterSettle", refresh);
  document.addEventListener("DOMContentLoaded", refresh);
})();
