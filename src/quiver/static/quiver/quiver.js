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

  // After htmx swaps the preview, keep keyboard focus on the pager so arrows and Tab keep working.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === "preview") {
      var fresh = document.getElementById("preview");
      var nav = fresh && fresh.querySelector("[data-preview-nav] a");
      if (nav && document.activeElement === document.body) nav.focus({ preventScroll: true });
    }
  });
})();
