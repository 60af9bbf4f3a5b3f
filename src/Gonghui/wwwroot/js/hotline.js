// 12351 hotline pages: live deadline countdowns, the caller's earlier requests, enterprise search, sub-category filter.
(() => {
  // Words come from the page (data-text-* on the countdown or its table/list, from HotlineText), in the page's language.
  const text = (el, key) => el.closest(`[data-text-${key}]`)?.getAttribute(`data-text-${key}`);
  const format = (template, ...args) => template.replace(/\{(\d+)\}/g, (_, i) => args[+i]);
  const span = (el, ms) => {
    const m = Math.floor(Math.abs(ms) / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), mm = m % 60;
    return d ? format(text(el, 'days'), d, h) : h ? format(text(el, 'hours'), h, mm) : format(text(el, 'minutes'), mm);
  };
  const tick = () => document.querySelectorAll('[data-due]').forEach(el => {
    if (!text(el, 'left')) return; // no words on the page: keep the server's text
    const left = Date.parse(el.dataset.due) - Date.now();
    el.textContent = format(text(el, left >= 0 ? 'left' : 'over'), span(el, left));
    el.classList.toggle('err', left < 0);
  });
  const debounce = (f, ms) => { let t; return (...a) => { clearTimeout(t); t = setTimeout(() => f(...a), ms); }; };
  const init = () => {
    tick();
    const phone = document.querySelector('[data-hotline-caller]');
    if (phone && !phone.dataset.bound) {
      phone.dataset.bound = '1';
      const list = document.querySelector(phone.dataset.hotlineCaller);
      const look = async () => {
        const digits = phone.value.replace(/\D/g, '');
        if (digits.length < 11) return;
        const res = await fetch(`/api/v1/hotline/callers?phone=${digits}`, { credentials: 'same-origin' });
        if (!res.ok) return;
        const items = await res.json();
        // The state's words from the page (data-states, from HotlineText), matched whatever the case of the API's code.
        const words = JSON.parse(list.dataset.states || '{}');
        const stateWord = code => words[Object.keys(words).find(k => k.toLowerCase() === String(code).toLowerCase())] ?? code;
        list.replaceChildren(...(items.length ? items.map(r => {
          const li = document.createElement('li');
          const a = document.createElement('a');
          a.href = `/hotline/requests/${r.id}`; a.textContent = `${r.trackingCode} · ${r.receivedAt.slice(0, 10)} · ${stateWord(r.state)}`;
          li.append(a, document.createElement('br'), document.createTextNode(r.description.slice(0, 60)));
          return li;
        }) : [Object.assign(document.createElement('li'), { className: 'muted', textContent: list.dataset.empty })]));
      };
      phone.addEventListener('input', debounce(look, 300));
      look();
    }
    const ent = document.querySelector('[data-hotline-enterprise]');
    if (ent && !ent.dataset.bound) {
      ent.dataset.bound = '1';
      const hidden = document.querySelector(ent.dataset.hotlineEnterprise);
      const dl = document.getElementById(ent.getAttribute('list'));
      let hits = [];
      ent.addEventListener('input', debounce(async () => {
        const match = hits.find(h => `${h.name}（${h.creditCode}）` === ent.value);
        hidden.value = match ? match.id : '';
        if (match || ent.value.trim().length < 2) return;
        const res = await fetch(`/api/v1/hotline/enterprises?q=${encodeURIComponent(ent.value.trim())}`, { credentials: 'same-origin' });
        if (!res.ok) return;
        hits = await res.json();
        dl.replaceChildren(...hits.map(h => Object.assign(document.createElement('option'), { value: `${h.name}（${h.creditCode}）` })));
      }, 250));
    }
    const cat = document.getElementById('category'), sub = document.getElementById('subCategory');
    if (cat && sub && !cat.dataset.bound) {
      cat.dataset.bound = '1';
      const filter = () => sub.querySelectorAll('option[data-parent]').forEach(o => { o.hidden = o.dataset.parent !== cat.value; if (o.hidden && o.selected) sub.value = ''; });
      cat.addEventListener('change', filter); filter();
    }
  };
  if (!window.__hotlineTimer) window.__hotlineTimer = setInterval(tick, 30000);
  document.addEventListener('DOMContentLoaded', init);
  if (window.Blazor) window.Blazor.addEventListener?.('enhancedload', init);
  else document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener?.('enhancedload', init));
  if (document.readyState !== 'loading') init();
})();
