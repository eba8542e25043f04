/* The geography page's map: districts, density squares and open requests. The same numbers
   are in the page's tables; without JavaScript the map stays hidden. */
(function () {
  "use strict";
  var holder = document.getElementById("analytics-map");
  var source = document.getElementById("map-data");
  if (!holder || !source || !window.L) { return; }
  var data = JSON.parse(source.textContent);
  holder.hidden = false;
  var map = L.map(holder, { keyboard: true, preferCanvas: true });
  map.getContainer().setAttribute("aria-label", holder.dataset.label);
  if (holder.dataset.tiles) {
    L.tileLayer(holder.dataset.tiles, { maxZoom: 19, attribution: holder.dataset.attribution }).addTo(map);
  }
  var layers = [];
  data.districts.forEach(function (district) {
    var shape = L.geoJSON(district.geometry, { style: { color: "#333", weight: 2, dashArray: "6 4", fill: false } });
    shape.bindTooltip(district.name);
    layers.push(shape);
  });
  var most = data.density.reduce(function (top, cell) { return Math.max(top, cell.count); }, 1);
  data.density.forEach(function (cell) {
    var box = L.rectangle([[cell.south, cell.west], [cell.south + data.cell, cell.west + data.cell]], {
      stroke: false, fillColor: "#b3261e", fillOpacity: 0.1 + 0.6 * cell.count / most
    });
    box.bindTooltip(String(cell.count));
    layers.push(box);
  });
  data.open.forEach(function (item) {
    var dot = L.circleMarker([item[0], item[1]], { radius: 4, color: "#0b5cad", weight: 1, fillOpacity: 0.8 });
    dot.bindPopup(item[2] + " · " + item[3]);
    layers.push(dot);
  });
  // The view first: vector layers cannot be drawn on a map that has none yet.
  var group = L.featureGroup(layers);
  if (layers.length) { map.fitBounds(group.getBounds().pad(0.05)); } else { map.setView([0, 0], 2); }
  group.addTo(map);
}());
