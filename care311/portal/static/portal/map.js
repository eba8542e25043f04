/* The location step's map: a pin fills in the latitude and longitude fields.
   Without JavaScript the fields and the address work alone; this only adds the map. */
(function () {
  "use strict";
  var holder = document.getElementById("map");
  var script = document.currentScript;
  if (!holder || !window.L || !script) { return; }
  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  var status = document.getElementById("location-status");
  var locate = document.getElementById("use-location");
  var area = holder.dataset.area.split(",").map(Number);
  var bounds = L.latLngBounds([area[0], area[1]], [area[2], area[3]]);

  holder.hidden = false;
  var map = L.map(holder, { maxBounds: bounds.pad(0.5), keyboard: true, zoomSnap: 0.25 });
  map.getContainer().setAttribute("aria-label", holder.dataset.label);
  map.getContainer().setAttribute("aria-describedby", "map-hint");
  if (holder.dataset.tiles) {
    L.tileLayer(holder.dataset.tiles, {
      maxZoom: 19, attribution: holder.dataset.attribution
    }).addTo(map);
  }
  L.rectangle(bounds, { color: "#0b5cad", weight: 2, fill: false, interactive: false }).addTo(map);
  map.fitBounds(bounds);
  var marker = null;

  function say(text) { status.textContent = text; }

  function place(point, message) {
    if (!marker) {
      marker = L.marker(point, { draggable: true, keyboard: true, title: holder.dataset.label });
      marker.addTo(map);
      marker.on("dragend", function () { place(marker.getLatLng(), script.dataset.placed); });
    } else {
      marker.setLatLng(point);
    }
    latitude.value = point.lat.toFixed(6);
    longitude.value = point.lng.toFixed(6);
    say(bounds.contains(point) ? message : script.dataset.outside);
  }

  map.on("click", function (event) { place(event.latlng, script.dataset.placed); });

  function fromFields() {
    var lat = parseFloat(latitude.value), lng = parseFloat(longitude.value);
    if (isFinite(lat) && isFinite(lng)) {
      var point = L.latLng(lat, lng);
      if (!marker) { marker = L.marker(point, { draggable: true }).addTo(map); }
      marker.setLatLng(point);
      map.setView(point, 16);
    }
  }
  latitude.addEventListener("change", fromFields);
  longitude.addEventListener("change", fromFields);
  fromFields();

  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      say(script.dataset.locating);
      navigator.geolocation.getCurrentPosition(function (position) {
        var point = L.latLng(position.coords.latitude, position.coords.longitude);
        map.setView(point, 17);
        place(point, script.dataset.located);
      }, function () { say(script.dataset.noLocation); }, { timeout: 10000 });
    });
  }
}());
