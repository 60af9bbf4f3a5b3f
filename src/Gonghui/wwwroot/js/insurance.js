// Accident-insurance claim import: while the file uploads and every row is checked, show that it is processing and keep
// the button from being pressed twice. Without this script the form still works (a plain post).
(function () {
  'use strict';
  function wire() {
    var form = document.getElementById('insurance-import-form');
    if (!form || form.dataset.wired) return;
    form.dataset.wired = '1';
    form.addEventListener('submit', function () {
      var button = form.querySelector('button[type=submit]');
      var status = form.querySelector('.processing');
      if (status) status.hidden = false;
      // Disabled after the submit is under way, so the button's own value still goes with the form.
      if (button) setTimeout(function () { button.disabled = true; }, 0);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire); else wire();
  // Blazor's enhanced navigation patches the page without running scripts again.
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener('enhancedload', wire);
})();
