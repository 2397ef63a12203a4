// Crew page: "near me" asks the browser for its position and submits it as lat/lon in a GET form.
// Without this script the form stays hidden and the district select does the job.
(function () {
  'use strict';
  var form = document.getElementById('crew-near');
  if (!form || !('geolocation' in navigator)) return;
  var status = form.querySelector('.crew-near-status');
  var button = form.querySelector('button');
  form.hidden = false;
  form.addEventListener('submit', function (event) {
    if (form.elements.namedItem('lat').value) return;
    event.preventDefault();
    button.disabled = true;
    status.textContent = form.getAttribute('data-locating');
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.namedItem('lat').value = position.coords.latitude.toFixed(6);
        form.elements.namedItem('lon').value = position.coords.longitude.toFixed(6);
        form.submit();
      },
      function () {
        button.disabled = false;
        status.textContent = form.getAttribute('data-failed');
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
