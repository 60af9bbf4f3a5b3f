// The skills marking sheet (loaded on every page, so enhanced navigation needs nothing more): arrow keys move between score
// cells like a spreadsheet; Tab and Enter work as in any form.
(function () {
  'use strict';
  var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (!t || t.tagName !== 'INPUT' || !t.classList.contains('mark')) return;
    var m = moves[e.key];
    if (!m) return;
    // Left and right move only from the edge of the text, so a value can still be edited.
    if (m[1] !== 0 && t.value && t.selectionStart !== (m[1] < 0 ? 0 : t.value.length)) return;
    var row = Number(t.getAttribute('data-row')) + m[0], col = Number(t.getAttribute('data-col')) + m[1];
    var next = document.querySelector('input.mark[data-row="' + row + '"][data-col="' + col + '"]');
    if (next) { e.preventDefault(); next.focus(); next.select(); }
  }, true);
  window.gonghuiMarkingSheet = true;
})();
