// Keyboard first: after each step the focus lands where the next step starts (the element
// the URL's #fragment names, else the page's [data-focus]), so Tab carries on from there.
(function () {
  "use strict";
  function focusStart() {
    var target = null;
    if (window.location.hash.length > 1) {
      target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    }
    target = target || document.querySelector("[data-focus]");
    if (!target) { return; }
    if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusStart);
  } else {
    focusStart();
  }
})();
