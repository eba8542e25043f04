/* The wallboard asks for fresh figures every second and redraws the tables from them.
   No libraries: the same cells as the server's first render, built with the DOM. */
(function () {
  "use strict";
  var CELLS = ["waiting", "longest_wait", "talking", "offered", "answered", "abandoned",
               "service_level", "abandonment", "asa"];
  var board = document.getElementById("board");
  if (!board) { return; }
  var source = board.getAttribute("data-source");

  function cell(data) {
    var td = document.createElement("td");
    td.textContent = data.text;
    if (data.state) { td.className = "level-" + data.state; }
    if (data.note) {
      var note = document.createElement("span");
      note.className = "note";
      note.textContent = data.note;
      td.appendChild(note);
    }
    return td;
  }

  function row(data) {
    var tr = document.createElement("tr");
    var th = document.createElement("th");
    th.scope = "row";
    th.textContent = data.name;
    tr.appendChild(th);
    CELLS.forEach(function (name) { tr.appendChild(cell(data[name])); });
    return tr;
  }

  function draw(data) {
    var table = document.getElementById("queues");
    var body = document.createElement("tbody");
    data.queues.forEach(function (queue) { body.appendChild(row(queue)); });
    table.replaceChild(body, table.tBodies[0]);
    var foot = document.createElement("tfoot");
    foot.appendChild(row(data.total));
    table.replaceChild(foot, table.tFoot);
    data.agents.forEach(function (state) {
      var count = document.querySelector('#agents [data-state="' + state.state + '"]');
      if (count) { count.textContent = state.count; }
    });
    var updated = document.getElementById("updated");
    updated.textContent = data.updated_label;
    updated.setAttribute("datetime", data.updated);
    board.setAttribute("data-updated", data.updated);
  }

  function poll() {
    fetch(source, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { draw(data); } })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, 1000); });
  }
  window.setTimeout(poll, 1000);
})();
