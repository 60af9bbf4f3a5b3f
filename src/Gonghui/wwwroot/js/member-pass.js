// The member pass page (/me/pass): a countdown, and a fresh QR code fetched 15 s before the shown one expires.
(() => {
  const lead = 15000;
  const zh = (document.documentElement.lang || '').startsWith('zh');
  const init = () => {
    const box = document.querySelector('[data-member-pass]');
    if (!box || box.dataset.bound) return;
    box.dataset.bound = '1';
    const img = box.querySelector('img'), until = box.querySelector('[data-pass-until]'), left = box.querySelector('[data-pass-left]');
    let timer;
    const show = () => {
      const s = Math.max(0, Math.round((Date.parse(box.dataset.expires) - Date.now()) / 1000));
      left.textContent = zh ? `（${s} 秒）` : `(${s} s)`;
    };
    const renew = async () => {
      try {
        const res = await fetch(box.dataset.memberPass, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        if (res.ok) {
          const p = await res.json();
          img.src = p.qr;
          box.dataset.expires = p.expiresAt;
          box.dataset.renewed = String((Number(box.dataset.renewed) || 0) + 1);
          until.dateTime = p.expiresAt;
          until.textContent = new Date(p.expiresAt).toLocaleTimeString(zh ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' });
        }
      } catch { /* offline: try again shortly */ }
      schedule();
    };
    const schedule = () => {
      clearTimeout(timer);
      const wait = Math.max(2000, Date.parse(box.dataset.expires) - Date.now() - lead);
      timer = setTimeout(() => document.body.contains(box) && renew(), wait);
    };
    show();
    setInterval(show, 1000);
    schedule();
  };
  document.addEventListener('DOMContentLoaded', init);
  if (window.Blazor) window.Blazor.addEventListener?.('enhancedload', init);
  else document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener?.('enhancedload', init));
  if (document.readyState !== 'loading') init();
})();
