// Member import page: upload with progress, then poll the job's status until it ends. Without this script the form
// still works (the server redirects to the job page, which refreshes itself).
(function () {
  'use strict';

  function format(template, args) {
    return template.replace(/\{(\d+)\}/g, function (_, i) { return args[+i]; });
  }

  function wireForm() {
    var form = document.getElementById('import-form');
    if (!form || form.dataset.wired) return;
    form.dataset.wired = '1';
    var error = document.getElementById('import-file-error');
    form.addEventListener('submit', function (ev) {
      if (!window.XMLHttpRequest || !window.FormData) return; // plain form post
      ev.preventDefault();
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      error.textContent = '';
      var bar = document.createElement('progress');
      bar.max = 100; bar.value = 0;
      form.appendChild(bar);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = Math.round(e.loaded * 100 / e.total); };
      xhr.onload = function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
        if (xhr.status === 202 && body && body.id) {
          window.location.assign('/members/import?job=' + encodeURIComponent(body.id));
          return;
        }
        bar.remove();
        button.disabled = false;
        var messages = body && body.errors ? Object.values(body.errors).flat() : [];
        error.textContent = messages.length ? messages.join(' ') : (body && (body.detail || body.title)) || ('HTTP ' + xhr.status);
      };
      xhr.onerror = function () { bar.remove(); button.disabled = false; error.textContent = 'Network error'; };
      xhr.send(new FormData(form));
    });
  }

  function pollJob() {
    var card = document.getElementById('import-job');
    if (!card || card.dataset.state !== 'Running' || card.dataset.polling) return;
    card.dataset.polling = '1';
    var bar = document.getElementById('import-bar');
    var count = document.getElementById('import-count');
    var template = card.dataset.textProgress;
    function tick() {
      fetch('/api/v1/imports/' + card.dataset.job, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) { window.location.reload(); return; }
          if (s.state !== 'Running') { window.location.reload(); return; }
          bar.value = s.percent;
          count.textContent = format(template, [s.rows.toLocaleString(), s.percent + '%', Math.round(s.rowsPerSecond).toLocaleString()]);
          setTimeout(tick, 700);
        })
        .catch(function () { setTimeout(tick, 2000); });
    }
    setTimeout(tick, 500);
  }

  function init() { wireForm(); pollJob(); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
  // Blazor's enhanced navigation patches the page without running scripts again.
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener('enhancedload', init);
})();
