/* Review sessions, keyboard first. Every control with data-key="k1 k2" answers to those keys: links and buttons are
   clicked, <details> panels open and take the focus. Keys are ignored while typing; Esc closes panels and leaves a
   text field. Everything also works with the mouse and without this script. */
(function () {
  "use strict";

  function isTyping(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  function controlFor(key) {
    var all = document.querySelectorAll("[data-key]");
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute("data-key").split(" ").indexOf(key) !== -1) return all[i];
    }
    return null;
  }

  function closePanels(except) {
    document.querySelectorAll("details[data-key][open]").forEach(function (d) {
      if (d !== except) d.open = false;
    });
  }

  var busy = false;  // one action at a time: a second key press while a form is sent is dropped

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape") {
      if (isTyping(event.target)) event.target.blur();
      closePanels(null);
      return;
    }
    if (isTyping(event.target) || busy) return;
    var control = controlFor(event.key);
    if (!control) return;
    event.preventDefault();
    if (control.tagName === "DETAILS") {
      var opening = !control.open;
      closePanels(control);
      control.open = opening;
      if (opening) {
        var first = control.querySelector("input:not([type=hidden]), select, textarea, button");
        control.scrollIntoView({ block: "nearest" });
        if (first) first.focus();
      }
      return;
    }
    busy = control.tagName === "BUTTON";
    control.click();
  });

  window.addEventListener("pageshow", function () { busy = false; });
  document.documentElement.setAttribute("data-keys-ready", "");  // the shortcuts listen from here on
})();
