/* The history section: every recorded run with its counts, and the changes between two of them. */
import { stateCounts, stateTable } from '../states.mjs';
import { $, h, num, replace, runOption, table, td } from '../dom.mjs';
import { diffCounts, diffRows, newestFirst } from '../model/history.mjs';

/** The exported file's history: it has one run. */
export function renderOneRun() {
  replace($('history-body'), h('p', { text: 'This file holds one run. `swarmlab serve` shows every recorded run and the changes between two of them.' }));
}

/** The runs (as the API lists them), the shown one selected as the later of a diff; onDiff(before, after) shows one. */
export function renderHistory(runs, runId, report, onDiff) {
  const list = newestFirst(runs);
  const states = stateTable(report);
  const choose = (id, label, selected) => h('select', { id, 'aria-label': label }, list.map((r) => runOption(r, selected)));
  const before = choose('diff-before', 'The earlier run', list[1] ? list[1].id : null);
  const after = choose('diff-after', 'The later run', runId);
  replace($('history-body'), [
    table({ id: 'runs' }, null, ['Run', 'Lab', 'Started', 'Status', 'Cells', ...states.map((st) => st.label)], list.map((r) =>
      h('tr', { 'data-run': r.id }, h('td', {}, h('a', { href: '#run=' + r.id, text: r.id })), td(r.lab), td(r.started), td(r.status),
        num(r.counts.cells), stateCounts(r.counts, states).map((count) => num(count))))),
    h('p', {}, h('label', { for: 'diff-before', text: 'What changed from ' }), before, h('label', { for: 'diff-after', text: ' to ' }), after, ' ',
      h('button', { type: 'button', id: 'diff-show', onclick: () => onDiff(before.value, after.value) }, 'Show the changes'))]);
}

/** Shows the diff between two runs (diff answers a promise of the API's diff), or why there is none. */
export function showDiff(before, after, diff) {
  replace($('diff-body'), h('p', { text: 'comparing \u2026' }));
  return diff.then((d) => {
    const rows = diffRows(d, before, after);
    replace($('diff-body'), [
      h('p', { id: 'diff-counts', text: diffCounts(d, before, after) }),
      rows.length ? table({ id: 'diff' }, null, ['Change', 'Cell', before, after], rows.map((r) => h('tr', { 'data-cell': r.id },
        td(r.change), td(r.id), td(r.before, { class: r.change === 'changed' ? 'diff-before' : null }),
        td(r.after, { class: r.change === 'changed' ? 'diff-after' : null })))) : null]);
  }).catch((e) => replace($('diff-body'), h('p', { class: 'failure', text: e.message + (e.remedy ? ' \u2014 ' + e.remedy : '') })));
}
