/* Building the page's elements: the only module besides the views that touches the document. */
import { runLabel } from './format.mjs';

const SVG = /^(svg|rect|line|text|polyline|g|title|tspan)$/;

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** Appends children: nodes, strings, numbers or (nested) arrays of them; null, undefined and false add nothing. */
export function add(el, kid) {
  if (kid === undefined || kid === null || kid === false) { return; }
  if (Array.isArray(kid)) { kid.forEach((k) => add(el, k)); return; }
  el.appendChild(typeof kid === 'string' || typeof kid === 'number' ? document.createTextNode(String(kid)) : kid);
}

/** An element with attributes (class, text, data-*, aria-*, on*) and children (nodes or strings); SVG's own tags in its namespace. */
export function h(tag, attrs, ...kids) {
  const el = SVG.test(tag) ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) { return; }
    if (k === 'text') { el.textContent = v; } else if (k.startsWith('on')) { el.addEventListener(k.slice(2), v); } else { el.setAttribute(k, v); }
  });
  add(el, kids);
  return el;
}

/** Empties the element and fills it anew. */
export function replace(el, kid) { el.textContent = ''; add(el, kid); }

/** A table's head: one row of column headers. */
export const head = (labels) => h('thead', {}, h('tr', {}, labels.map((t) => h('th', { scope: 'col', text: t }))));

/** A table with a caption (or none), a head of column headers and a body of rows. */
export const table = (attrs, caption, labels, rows) =>
  h('table', attrs, caption ? h('caption', { class: 'muted', text: caption }) : null, head(labels), h('tbody', {}, rows));

/** A row of a table: its first cell a row header, the rest plain cells (strings as their text, nodes as they are). */
export const row = (attrs, first, cells) => h('tr', attrs, h('th', { scope: 'row', text: first }), cells);

/** A plain cell with its text, or with its attributes and text. */
export const td = (text, attrs) => h('td', { ...attrs, text });

/** A numeric cell. */
export const num = (text, attrs) => td(text, { ...attrs, class: 'num' });

/** A run as an option of a run list, selected where it is the one given. */
export const runOption = (run, selected) =>
  h('option', { value: run.id, selected: run.id === selected ? 'selected' : null, text: runLabel(run) });
