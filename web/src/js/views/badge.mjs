/* A state's badge: its symbol, with its label for the title and screen readers. */
import { STATES } from '../states.mjs';
import { h } from '../dom.mjs';

export function badge(stateName, extra) {
  const s = STATES[stateName];
  return h('span', { class: 'st st-' + stateName, title: s.label, 'aria-label': s.label }, s.sym + (extra ? ' ' + extra : ''));
}
