// The search page: "/" focuses the box; saving a search takes the form's current state (instant search may have
// changed it since the page was drawn). htmx does the rest (debounced instant results, facets, paging).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    const box = document.getElementById("search-q");
    if (!box || event.key !== "/" || event.target.closest("input, textarea, select")) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
  // The box searches as you type (debounced by htmx); its "change" on blur must not send the form again: that
  // request would redraw the facets while a click on one of them is being handled.
  document.addEventListener("DOMContentLoaded", function () {
    const box = document.getElementById("search-q");
    if (box) box.addEventListener("change", function (event) { event.stopPropagation(); });
  });
  document.addEventListener("submit", function (event) {
    const save = event.target.closest("#save-search");
    const search = document.getElementById("search-form");
    if (!save || !search) return;
    save.querySelectorAll("input[type=hidden]:not([name=csrfmiddlewaretoken])").forEach(function (el) { el.remove(); });
    new FormData(search).forEach(function (value, name) {
      if (name === "page" || value === "") return;
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      save.appendChild(input);
    });
  });
})();
