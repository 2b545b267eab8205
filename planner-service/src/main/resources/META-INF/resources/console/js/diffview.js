// A unified diff (or a git format-patch series) shown unified or side by side, with line numbers and simple syntax
// highlighting. Lines become text nodes and spans only: a diff is model output, never trusted.

import { el, fill } from './dom.js';
import { highlight, languageOf } from './highlight.js';

/** The diff's lines, each with its kind, the file it belongs to, and its old and new line numbers. */
export function parse(text) {
  const rows = [];
  let file = null;
  let oldNo = 0;
  let newNo = 0;
  for (const line of text.split('\n')) {
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (line.startsWith('+++ ') || line.startsWith('--- ') || line.startsWith('diff --git')) {
      if (line.startsWith('+++ ')) {
        file = line.slice(4).replace(/^b\//, '');
      }
      rows.push({ kind: 'file', line });
    } else if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      rows.push({ kind: 'hunk', line });
    } else if (line.startsWith('+')) {
      rows.push({ kind: 'add', line, file, newNo: newNo++ });
    } else if (line.startsWith('-')) {
      rows.push({ kind: 'remove', line, file, oldNo: oldNo++ });
    } else if (line.startsWith(' ')) {
      rows.push({ kind: 'context', line, file, oldNo: oldNo++, newNo: newNo++ });
    } else {
      rows.push({ kind: 'other', line });   // mbox headers, commit messages, "\ No newline at end of file"
    }
  }
  return rows;
}

/** One line of code after its +, - or space marker, highlighted for its file's language. */
function code(row) {
  return row.kind === 'add' || row.kind === 'remove' || row.kind === 'context'
    ? [row.line[0], highlight(row.line.slice(1), languageOf(row.file))] : [row.line];
}

/** Every line in order: `pre.diff` with one `span.diff-<kind>` a line. */
export function unified(text) {
  return el('pre', { class: 'diff diff-unified' }, parse(text).map(row => el('span',
    { class: `diff-${row.kind === 'other' ? 'context' : row.kind}` }, code(row), '\n')));
}

/**
 * Old on the left, new on the right: context lines on both sides, a run of removals set beside the run of
 * additions that follows it, row by row, so a changed line reads across.
 */
export function sideBySide(text) {
  const rows = parse(text);
  const body = [];
  for (let i = 0; i < rows.length;) {
    const row = rows[i];
    if (row.kind === 'remove' || row.kind === 'add') {
      const removed = [];
      const added = [];
      while (i < rows.length && rows[i].kind === 'remove') {
        removed.push(rows[i++]);
      }
      while (i < rows.length && rows[i].kind === 'add') {
        added.push(rows[i++]);
      }
      for (let k = 0; k < Math.max(removed.length, added.length); k++) {
        body.push(el('tr', {}, half(removed[k], 'oldNo'), half(added[k], 'newNo')));
      }
      continue;
    }
    if (row.kind === 'context') {
      body.push(el('tr', {}, half(row, 'oldNo'), half(row, 'newNo')));
    } else if (row.kind !== 'other' || row.line !== '') {
      body.push(el('tr', { class: `diff-${row.kind === 'other' ? 'context' : row.kind}` },
        el('td', { colspan: 4 }, row.line)));
    }
    i++;
  }
  // A fixed layout takes its widths from the columns (not from a first row that may span all four).
  const cols = el('colgroup', {}, el('col', { class: 'no' }), el('col'), el('col', { class: 'no' }), el('col'));
  return el('div', { class: 'diff-wrap' }, el('table', { class: 'diff diff-split' },
    el('caption', { class: 'hint' }, 'Old on the left, new on the right'), cols, el('tbody', {}, body)));
}

function half(row, number) {
  if (!row) {
    return [el('td', { class: 'no' }), el('td', { class: 'diff-empty' })];
  }
  return [el('td', { class: 'no' }, String(row[number])),
    el('td', { class: `diff-${row.kind}` }, el('code', {}, code(row)))];
}

/**
 * A diff with a Unified / Side by side switch; `state.mode` keeps the choice across redraws of the page.
 * Answers the element.
 */
export function diffView(text, state = {}) {
  const body = el('div', { class: 'diff-body' });
  const buttons = ['unified', 'side-by-side'].map(mode => el('button', { type: 'button', class: 'small',
    dataset: { mode }, onclick: () => show(mode) }, mode === 'unified' ? 'Unified' : 'Side by side'));
  function show(mode) {
    state.mode = mode;
    buttons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.mode === mode)));
    fill(body, mode === 'unified' ? unified(text) : sideBySide(text));
  }
  show(state.mode ?? 'unified');
  return el('div', { class: 'diff-view' }, el('div', { class: 'row', role: 'group', 'aria-label': 'Diff layout' },
    buttons), body);
}
