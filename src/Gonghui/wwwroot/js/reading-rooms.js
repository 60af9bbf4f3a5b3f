// "Sort by my location" on /reading-rooms: asks the phone for its position and reloads the list nearest-first from there.
(function () {
  var button = document.getElementById('room-geo');
  if (!button || !navigator.geolocation) { if (button) button.hidden = true; return; }
  button.addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('room-lat').value = p.coords.latitude.toFixed(6);
      document.getElementById('room-lng').value = p.coords.longitude.toFixed(6);
      document.getElementById('room-locate').submit();
    });
  });
})();
