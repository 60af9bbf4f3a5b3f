// Mutual-aid claim intake page: sends the form to POST /api/v1/mutual-aid/claims/import with upload progress, shows a
// "processing" state while the server checks and writes the rows, then draws the result (count, or the row errors).
// Without this script the form posts to the page, which calls the same importer and renders the same result.
(function () {
  'use strict';

  function format(template, args) {
    return (template || '').replace(/\{(\d+)\}/g, function (_, i) { return args[+i]; });
  }

  function n(x) { return Number(x).toLocaleString(); }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function render(out, r, planId) {
    var t = out.dataset;
    out.textContent = '';
    if (r.rejected) {
      out.appendChild(el('p', { 'class': 'error', role: 'alert', 'data-testid': 'import-result' }, format(t.textRejected, [n(r.errorCount)])));
    } else {
      out.appendChild(el('p', { 'class': 'notice', role: 'status', 'data-testid': 'import-result' },
        r.errorCount > 0 ? format(t.textDoneSkipped, [n(r.imported), n(r.errorCount)]) : format(t.textDone, [n(r.imported)])));
      var p = el('p');
      p.appendChild(el('a', { href: '/mutual-aid?status=Submitted&planId=' + encodeURIComponent(planId) }, t.textToClaims));
      out.appendChild(p);
    }
    if (r.errorCount > 0) {
      out.appendChild(el('h2', null, t.textErrors));
      var dl = el('dl', { 'class': 'props' });
      dl.appendChild(el('dt', null, t.textErrorCount));
      dl.appendChild(el('dd', { 'data-testid': 'import-error-count' }, n(r.errorCount)));
      out.appendChild(dl);
      var errors = r.errors || [];
      if (r.errorCount > errors.length) out.appendChild(el('p', { 'class': 'muted' }, format(t.textErrorsFirst, [n(errors.length), n(r.errorCount)])));
      var wrap = el('div', { 'class': 'table-wrap' });
      var table = el('table', { 'class': 'grid', 'data-testid': 'import-errors' });
      var head = el('tr');
      head.appendChild(el('th', { 'class': 'num' }, t.textRow));
      head.appendChild(el('th', null, t.textColumn));
      head.appendChild(el('th', null, t.textReason));
      table.appendChild(el('thead')).appendChild(head);
      var body = table.appendChild(el('tbody'));
      errors.forEach(function (e) {
        var tr = el('tr');
        tr.appendChild(el('td', { 'class': 'num' }, e.row));
        tr.appendChild(el('td', null, e.column));
        tr.appendChild(el('td', null, e.reason));
        body.appendChild(tr);
      });
      wrap.appendChild(table);
      out.appendChild(wrap);
    }
    out.hidden = false;
  }

  function wire() {
    var form = document.getElementById('claim-import-form');
    var out = document.getElementById('import-result');
    if (!form || !out || form.dataset.wired) return;
    form.dataset.wired = '1';
    var box = document.getElementById('import-progress');
    var bar = document.getElementById('import-bar');
    var phase = document.getElementById('import-phase');
    var fileError = document.getElementById('import-file-error');
    var planError = document.getElementById('import-plan-error');
    var button = form.querySelector('button[type=submit]');

    form.addEventListener('submit', function (ev) {
      if (!window.XMLHttpRequest || !window.FormData) return; // plain form post to the page
      ev.preventDefault();
      var data = new FormData(form);
      var planId = form.querySelector('[name=planId]').value;
      button.disabled = true;
      fileError.textContent = '';
      planError.textContent = '';
      out.hidden = true;
      out.textContent = '';
      box.hidden = false;
      bar.max = 100;
      bar.value = 0;
      phase.textContent = format(out.dataset.textUploading, ['0%']);

      function processing() {
        bar.removeAttribute('value'); // indeterminate: the server is reading, checking and writing the rows
        phase.textContent = out.dataset.textProcessing;
      }
      function done() { box.hidden = true; button.disabled = false; }

      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.dataset.api);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = function (e) {
        if (!e.lengthComputable) return;
        var pct = Math.round(e.loaded * 100 / e.total);
        bar.value = pct;
        phase.textContent = format(out.dataset.textUploading, [pct + '%']);
        if (e.loaded >= e.total) processing();
      };
      xhr.upload.onload = processing;
      xhr.onload = function () {
        done();
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
        if ((xhr.status === 200 || xhr.status === 422) && body && typeof body.imported === 'number') {
          render(out, body, planId);
          out.scrollIntoView({ block: 'nearest' });
          return;
        }
        if (xhr.status === 400 && body && body.errors) {
          if (body.errors.planId) planError.textContent = body.errors.planId.join(' ');
          if (body.errors.file) fileError.textContent = body.errors.file.join(' ');
          if (body.errors.planId || body.errors.file) return;
        }
        var detail = (body && (body.detail || body.title)) || ('HTTP ' + xhr.status);
        out.appendChild(el('p', { 'class': 'error', role: 'alert', 'data-testid': 'import-result' }, format(out.dataset.textFailed, [detail])));
        out.hidden = false;
      };
      xhr.onerror = function () {
        done();
        out.appendChild(el('p', { 'class': 'error', role: 'alert', 'data-testid': 'import-result' }, format(out.dataset.textFailed, ['network error'])));
        out.hidden = false;
      };
      xhr.send(data);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire); else wire();
  // Blazor's enhanced navigation patches the page without running scripts again.
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener('enhancedload', wire);
})();
