/* Send the keyboard and screen reader to the list of problems when a form comes back. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
}());
