// Tells the server every 30 seconds that this desk page is still open, so a supervisor can see
// who is disconnected. A POST with the CSRF token from the page's cookie-free form field.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.url;
  if (!url) { return; }
  function token() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function beat() {
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token(), "X-Requested-With": "fetch" },
    }).catch(function () { /* the next beat tries again */ });
  }
  beat();
  window.setInterval(beat, 30000);
})();
