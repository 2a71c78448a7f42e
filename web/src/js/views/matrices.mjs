/* The matrices section: per network (and round), sources by targets, each pair's probes as chips that open their evidence. */
import { $, h, replace } from '../dom.mjs';
import { shortName } from '../format.mjs';
import { MOVES, chipLook, matrixGroups, matrixLayout, moveFocus, pairFoot, pairTitle } from '../model/matrix.mjs';

/** Sets what a chip shows from its cell (made anew, or changed as a live run measures the cell). */
function look(el, c) {
  const l = chipLook(c);
  el.className = l.class;
  el.setAttribute('data-state', l.state);
  el.setAttribute('data-verdict', c.verdict);
  el.setAttribute('title', l.label);
  el.setAttribute('aria-label', l.label);
  el.textContent = l.text;
  return el;
}

const chip = (c, onOpen) => look(h('button', { type: 'button', 'data-cell': c.id, onclick: () => onOpen(c.id) }), c);

/** A measured cell's chip shows its new state (where the page has the chip). */
export function updateChip(c) {
  const el = document.querySelector('button[data-cell="' + CSS.escape(c.id) + '"]');
  if (el) { look(el, c); }
}

/** Arrow keys move between cells: left and right within a row, up and down to the same column. */
function arrows(event) {
  const move = MOVES[event.key];
  const from = event.target;
  if (!move || !from.matches('button.chip')) { return; }
  const td = from.closest('td');
  const chips = [...td.querySelectorAll('button.chip')];
  const table = event.currentTarget;
  const chipsAt = (r, c) => {
    const cell = table.querySelector('td[data-r="' + r + '"][data-c="' + c + '"]');
    return cell ? [...cell.querySelectorAll('button.chip')] : null;
  };
  const next = moveFocus(move, +td.getAttribute('data-r'), +td.getAttribute('data-c'), chips.indexOf(from), chips, chipsAt);
  if (next) { next.focus(); event.preventDefault(); }
}

function matrix(group, lab, onOpen) {
  const { network, cells, round } = group;
  const { sources, targets, groups, edges, pairCells } = matrixLayout(cells);
  const short = (name) => shortName(name, lab, network);
  const edge = (col) => (edges.has(col) ? 'hostedge' : null);
  const head1 = h('tr', {}, h('td', {}), groups.map((g) => h('th', { scope: 'colgroup', colspan: g.span, class: 'host hostedge', text: g.key })));
  const head2 = h('tr', {}, h('th', { scope: 'col', text: 'source \u2193 target \u2192' }),
    targets.map((t, col) => h('th', { scope: 'col', title: t.name + ' on ' + t.host, class: edge(col), text: short(t.name) })));
  const rows = sources.map((s, r) => h('tr', {},
    h('th', { scope: 'row', class: 'src', title: s.name + ' on ' + s.host, text: short(s.name) + ' @' + s.host }),
    targets.map((t, col) => {
      const mine = pairCells[r][col];
      const attrs = { class: [s.host === t.host ? 'same' : 'other', edge(col) || ''].join(' '), 'data-r': r, 'data-c': col };
      if (!mine.length) { return h('td', attrs); }
      return h('td', { ...attrs, 'data-pair': s.name + ' ' + t.name, title: pairTitle(s, t) },
        h('span', { class: 'chips' }, mine.map((c) => chip(c, onOpen))), h('span', { class: 'pair-foot' }, pairFoot(mine, s.host === t.host)));
    })));
  const table = h('table', { class: 'matrix', 'data-network': network, 'data-round': round, onkeydown: arrows },
    h('caption', { class: 'muted', text: network + ': ' + cells.length + ' cells, ' + sources.length + ' sources, ' + targets.length + ' targets' }),
    h('thead', {}, head1, head2), h('tbody', {}, rows));
  return h('div', {}, h('h3', { text: group.title }), h('div', { class: 'scroll' }, table));
}

/** Every matrix of the report; a chip's click (or Enter) calls onOpen with its cell's id. */
export function renderMatrices(report, onOpen) {
  replace($('matrices-body'), matrixGroups(report).map((g) => matrix(g, report.run.lab, onOpen)));
}
