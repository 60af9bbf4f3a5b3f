// Staff venue form: place the pin on a small map; the lat/lng inputs follow it (and it follows them).
(function () {
  'use strict';
  var el = document.getElementById('pin-map');
  if (!el || el.dataset.started || typeof L === 'undefined') return;
  el.dataset.started = '1';
  var lat = document.getElementById('lat'), lng = document.getElementById('lng'), crs = document.getElementById('crs');
  var start = [parseFloat(lat.value) || 39.9087, parseFloat(lng.value) || 116.3975];
  var map = L.map(el, { minZoom: 3, maxZoom: 19 }).setView(start, 15);
  if (el.dataset.tileUrl) L.tileLayer(el.dataset.tileUrl, { maxZoom: 19 }).addTo(map); else el.classList.add('no-tiles');
  var pin = L.marker(start, { draggable: true, keyboard: true }).addTo(map);
  function put(p) {
    lat.value = p.lat.toFixed(6);
    lng.value = p.lng.toFixed(6);
    crs.value = 'wgs84'; // the map works in WGS-84
  }
  map.on('click', function (e) { pin.setLatLng(e.latlng); put(e.latlng); });
  pin.on('dragend', function () { put(pin.getLatLng()); });
  function fromInputs() {
    var a = parseFloat(lat.value), b = parseFloat(lng.value);
    if (isFinite(a) && isFinite(b) && crs.value === 'wgs84') { pin.setLatLng([a, b]); map.panTo([a, b]); }
  }
  lat.addEventListener('change', fromInputs);
  lng.addEventListener('change', fromInputs);
})();
