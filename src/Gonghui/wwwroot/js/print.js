// A button marked data-print prints the page (CSP allows no inline handlers).
document.querySelectorAll('[data-print]').forEach(function (b) { b.addEventListener('click', function () { window.print(); }); });
