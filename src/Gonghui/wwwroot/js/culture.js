// Workers' culture (loaded on every page, so enhanced navigation needs nothing more):
// the quiz saves each answer as it is chosen (PUT, so a dropped connection loses nothing already chosen) and counts down;
// the question-bank import posts the sheet and shows the row errors with their line numbers.
(function () {
  'use strict';
  function token(form) {
    var t = form.querySelector('input[name="__RequestVerificationToken"]');
    return t ? t.value : '';
  }
  document.addEventListener('change', function (e) {
    var input = e.target;
    if (!input || input.tagName !== 'INPUT') return;
    var form = input.closest('form.culture-attempt');
    if (!form) return;
    var set = input.closest('fieldset[data-question]');
    var picked = Array.prototype.map.call(set.querySelectorAll('input:checked'), function (i) { return i.value; }).join('');
    var state = set.querySelector('.save-state');
    if (!picked) { state.textContent = ''; return; }
    state.textContent = form.dataset.saving;
    fetch('/api/v1/culture/attempts/' + form.dataset.attempt + '/answers/' + set.dataset.question, {
      method: 'PUT', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token(form) },
      body: JSON.stringify({ choice: picked })
    }).then(function (r) {
      if (r.ok) { state.textContent = form.dataset.saved; state.classList.remove('field-error'); return; }
      return r.json().then(function (p) { state.textContent = p.detail || form.dataset.failed; state.classList.add('field-error'); });
    }).catch(function () { state.textContent = form.dataset.failed; state.classList.add('field-error'); });
  });

  function tick() {
    var el = document.querySelector('[data-deadline]');
    if (!el) return;
    var left = Math.max(0, Math.floor((Date.parse(el.dataset.deadline) - Date.now()) / 1000));
    el.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    if (left === 0 && !el.dataset.sent) {
      el.dataset.sent = '1';
      var form = document.querySelector('form.culture-attempt');
      if (form) form.requestSubmit();
    }
  }
  setInterval(tick, 1000);
  document.addEventListener('DOMContentLoaded', tick);

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.classList || !form.classList.contains('culture-bank-import')) return;
    e.preventDefault();
    var out = form.querySelector('.import-result');
    out.textContent = '…';
    fetch(form.dataset.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin',
      headers: { Accept: 'application/json', RequestVerificationToken: token(form) } })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (x) {
        out.textContent = '';
        if (x.ok) { out.textContent = form.dataset.imported.replace('{0}', x.body.imported).replace('{1}', x.body.questions); return; }
        var p = document.createElement('p'); p.className = 'field-error'; p.textContent = form.dataset.errors; out.appendChild(p);
        var ul = document.createElement('ul');
        Object.keys(x.body.errors || {}).forEach(function (field) {
          var m = /^rows\[(\d+)\]\.(.+)$/.exec(field);
          var li = document.createElement('li');
          li.textContent = (m ? form.dataset.line.replace('{0}', m[1]) + ' ' + m[2] + ': ' : '') + x.body.errors[field].join(' ');
          ul.appendChild(li);
        });
        out.appendChild(ul);
      })
      .catch(function () { out.textContent = form.dataset.errors; });
  });
})();
