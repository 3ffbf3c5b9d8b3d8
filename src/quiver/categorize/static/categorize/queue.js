/* The suggestions review queue: keyboard shortcuts over server-rendered forms (every button also works without
   JS). j/k: next/previous asset; a: accept the current suggestion; r: reject it; shift+A: accept all of the
   asset's suggestions; ?: the shortcut legend. The current asset and suggestion carry a visible focus. */
(function () {
  "use strict";

  function root() { return document.querySelector("[data-queue]"); }
  function assets() { return Array.prototype.slice.call(document.querySelectorAll("[data-q-asset]")); }
  function pending(asset) {
    return asset ? Array.prototype.slice.call(asset.querySelectorAll("[data-q-sugg]:not(.is-decided)")) : [];
  }
  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    if (tag === "INPUT" && (target.type === "checkbox" || target.type === "radio")) return false;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  var current = { asset: null, sugg: null };

  function mark(asset, sugg, focusTarget) {
    document.querySelectorAll("[data-q-asset].is-current, [data-q-sugg].is-current").forEach(function (el) {
      el.classList.remove("is-current");
      el.removeAttribute("aria-current");
    });
    current.asset = asset || null;
    current.sugg = sugg || null;
    if (asset) { asset.classList.add("is-current"); asset.setAttribute("aria-current", "true"); }
    if (sugg) { sugg.classList.add("is-current"); sugg.setAttribute("aria-current", "true"); }
    var target = focusTarget || sugg || asset;
    if (target) {
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "nearest" });
    }
    var status = document.getElementById("queue-announcer");
    if (status && sugg) status.textContent = (sugg.getAttribute("data-label") || "").trim();
  }

  function selectAsset(asset) {
    if (!asset) return;
    var first = pending(asset)[0] || null;
    mark(asset, first);
  }

  function move(step) {
    var list = assets();
    if (!list.length) return;
    var index = list.indexOf(current.asset);
    var next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(Math.max(index + step, 0), list.length - 1);
    selectAsset(list[next]);
  }

  function ensureCurrent() {
    if (current.asset && document.body.contains(current.asset)) {
      if (!current.sugg || !document.body.contains(current.sugg) || current.sugg.classList.contains("is-decided")) {
        current.sugg = pending(current.asset)[0] || null;
      }
      return;
    }
    var active = document.activeElement;
    var asset = active && active.closest ? active.closest("[data-q-asset]") : null;
    var sugg = active && active.closest ? active.closest("[data-q-sugg]") : null;
    if (asset) mark(asset, sugg && !sugg.classList.contains("is-decided") ? sugg : pending(asset)[0]);
    else selectAsset(assets()[0]);
  }

  function press(selector, scope) {
    var button = scope && scope.querySelector(selector);
    if (button && !button.disabled) { button.click(); return true; }
    return false;
  }

  function toggleHelp() {
    var dialog = document.getElementById("shortcut-help");
    if (!dialog) return;
    if (dialog.open) dialog.close();
    else if (dialog.showModal) dialog.showModal();
    else dialog.setAttribute("open", "");
  }

  document.addEventListener("keydown", function (event) {
    if (!root() || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    var dialog = document.getElementById("shortcut-help");
    if (dialog && dialog.open && event.key !== "?") return;
    var key = event.key;
    if (key === "?") { event.preventDefault(); toggleHelp(); return; }
    if (key === "j" || key === "k") { event.preventDefault(); move(key === "j" ? 1 : -1); return; }
    if (key === "a" || key === "r" || key === "A") {
      ensureCurrent();
      if (key === "A") {
        if (press("[data-q-accept-all]", current.asset)) event.preventDefault();
        return;
      }
      if (press(key === "a" ? "[data-q-accept]" : "[data-q-reject]", current.sugg)) event.preventDefault();
    }
  });

  // Clicking or tabbing into a suggestion makes it the current one (the keys then act on it).
  document.addEventListener("focusin", function (event) {
    if (!root() || !event.target.closest) return;
    var asset = event.target.closest("[data-q-asset]");
    var sugg = event.target.closest("[data-q-sugg]");
    if (!asset || (asset === current.asset && sugg === current.sugg)) return;
    if (sugg && sugg.classList.contains("is-decided")) sugg = null;
    if (!sugg) sugg = current.sugg && asset.contains(current.sugg) ? current.sugg : pending(asset)[0];
    mark(asset, sugg, event.target);
  });

  // After htmx swapped a decided suggestion (or a whole decided asset) in, go on with the next pending one.
  document.addEventListener("htmx:afterSettle", function () {
    if (!root()) return;
    var decided = document.querySelector(".just-decided");
    if (!decided) return;
    var asset = decided.matches("[data-q-asset]") ? decided : decided.closest("[data-q-asset]");
    document.querySelectorAll(".just-decided").forEach(function (el) { el.classList.remove("just-decided"); });
    refreshCount();
    if (!asset) return;
    // The reviewer may have moved on (j/k, a click elsewhere) while the request ran: keep their place.
    if (current.asset && current.asset !== asset && document.body.contains(current.asset)) return;
    var next = pending(asset)[0];
    if (next) { mark(asset, next); return; }
    var list = assets();
    var at = list.indexOf(asset);
    var after = list.slice(at + 1).concat(list.slice(0, at)).filter(function (a) { return pending(a).length; })[0];
    if (after) selectAsset(after);
    else mark(asset, null);
  });

  function refreshCount() {
    var counter = document.getElementById("queue-remaining");
    if (counter) counter.textContent = String(document.querySelectorAll("[data-q-sugg]:not(.is-decided)").length);
    assets().forEach(function (asset) {
      var left = pending(asset).length;
      var count = asset.querySelector("[data-q-pending]");
      if (count) count.textContent = String(left);
      var all = asset.querySelector("[data-q-accept-all]");
      if (all && !left) all.hidden = true;
    });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-help-open]")) toggleHelp();
  });

  // Select every suggestion of the page (the bulk accept/reject bar).
  document.addEventListener("change", function (event) {
    var all = event.target.closest && event.target.closest("[data-q-select-all]");
    if (!all) return;
    document.querySelectorAll("[data-q-item]").forEach(function (box) { box.checked = all.checked; });
  });
})();
