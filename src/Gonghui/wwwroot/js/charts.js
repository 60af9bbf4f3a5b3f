// Chart downloads as PNG (Platform/Charts/Chart.razor): the chart's own SVG, the markup the .svg download serves, drawn onto
// a canvas at three times its size with a white ground, then saved. The browser lays out the Chinese labels with the
// system's CJK fonts, as it does on the page; nothing is sent to the server.
(() => {
  const scale = 3;
  document.addEventListener('click', async (e) => {
    const button = e.target.closest && e.target.closest('[data-chart-png]');
    if (!button) return;
    e.preventDefault();
    const svg = button.closest('.chart-block')?.querySelector('figure svg');
    if (!svg) return;
    const box = svg.viewBox.baseVal;
    const xml = new XMLSerializer().serializeToString(svg);
    const img = new Image();
    await new Promise((ok, fail) => {
      img.onload = ok;
      img.onerror = fail;
      img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml);
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(box.width * scale);
    canvas.height = Math.round(box.height * scale);
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((done) => canvas.toBlob(done, 'image/png'));
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = button.dataset.chartPng;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 30000);
  });
})();
