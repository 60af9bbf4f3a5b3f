// The marking sheet: arrow keys move between score cells like a spreadsheet (Tab and Enter work as in any form).
document.addEventListener('keydown', e => {
  const t = e.target;
  if (!(t instanceof HTMLInputElement) || !t.classList.contains('mark')) return;
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const m = moves[e.key];
  if (!m) return;
  // Left and right move only when the caret is at the edge of the text, so a value can still be edited.
  if (m[1] !== 0 && t.value && t.selectionStart !== (m[1] < 0 ? 0 : t.value.length)) return;
  const row = +t.dataset.row + m[0], col = +t.dataset.col + m[1];
  const next = document.querySelector(`input.mark[data-row="${row}"][data-col="${col}"]`);
  if (next) { e.preventDefault(); next.focus(); next.select(); }
});
