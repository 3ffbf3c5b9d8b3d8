/* Quiver: small progressive enhancements (no inline scripts: CSP script-src 'self'). */
(function () {
  "use strict";

  function isTyping(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  // Asset preview: the left and right arrow keys turn pages (the links work without JS too).
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    var which = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
    if (!which) return;
    var link = document.querySelector("[data-preview-nav] a[data-nav='" + which + "']");
    if (link) {
      event.preventDefault();
      link.click();
    }
  });

  // Library filters: leave empty and default values out of the request, so the pushed URL stays short.
  var DEFAULTS = { view: "grid", sort: "updated" };
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.classList || !elt.classList.contains("filters")) return;
    var params = event.detail.parameters;
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      if (value === "" || DEFAULTS[key] === value) delete params[key];
    });
  });

  // Page turns through htmx: remember the direction, then put focus back on the same control and announce
  // the new page in a live region that is not itself replaced (a freshly inserted one is often not read).
  var lastNav = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    lastNav = elt && elt.getAttribute ? elt.getAttribute("data-nav") : null;
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "preview") return;
    var fresh = document.getElementById("preview");
    if (!fresh) return;
    var link = fresh.querySelector("[data-preview-nav] a[data-nav='" + lastNav + "']") ||
      fresh.querySelector("[data-preview-nav] a[data-nav]");
    if (link) link.focus({ preventScroll: true });
    var announcer = document.getElementById("preview-announcer");
    var status = fresh.querySelector(".page-status");
    if (announcer && status) announcer.textContent = status.textContent.replace(/\s+/g, " ").trim();
  });
})();
