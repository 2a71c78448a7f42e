/* The evidence dialog: a cell's facts, probe spec, raw result and timings, and its hosts' networks, bridges and NAT rules. */
import { STATES, cellState } from '../states.mjs';
import { $, h, replace } from '../dom.mjs';
import { bridgeMembers, cellEvidence, cellFacts, cellJson, cellTitle, dockerNat, evidenceHeading, inspectText } from '../model/evidence.mjs';
import { badge } from './badge.mjs';

/** Collapsible output, open unless said otherwise. */
const details = (summary, open, ...kids) => h('details', { open: open ? 'open' : null }, h('summary', { text: summary }), ...kids);

function hostEvidence(e, network) {
  const members = bridgeMembers(e.bridges);
  return h('section', { class: 'host-evidence', 'data-host': e.host },
    h('h3', { text: evidenceHeading(e) }),
    (e.problems || []).length ? h('p', { class: 'failure', text: e.problems.join('; ') }) : null,
    details('docker network inspect ' + network, true, h('pre', { class: 'inspect', text: inspectText(e, network) })),
    details('Bridges and their veth members', true,
      h('ul', {}, Object.entries(members).map(([bridge, veths]) => h('li', { text: bridge + ': ' + veths.join(', ') }))),
      details('ip -d link show type bridge; bridge link show', false, h('pre', { text: e.bridges || '' }))),
    details('NAT rules Docker made (iptables -t nat -S; iptables -t raw -S PREROUTING)', true,
      h('pre', { class: 'nat', text: dockerNat(e.natRules).join('\n') || '(none)' }),
      details('every NAT and raw PREROUTING rule', false, h('pre', { text: e.natRules || '' }))));
}

/** Opens the dialog while the cell loads (load answers a promise of it), then shows it with the report's host evidence. */
export function openCell(id, load, report) {
  const dialog = $('evidence');
  replace($('evidence-body'), h('p', { text: 'loading ' + id + ' \u2026' }));
  if (!dialog.open) { dialog.showModal(); }
  load(id).then((c) => showCell(c, report)).catch((e) => replace($('evidence-body'), h('p', { class: 'failure', text: e.message })));
}

export function showCell(c, report) {
  const s = cellState(c);
  const json = cellJson(c);
  const facts = [['State', [badge(s), ' ' + STATES[s].label]], ...cellFacts(c)];
  replace($('evidence-h'), cellTitle(c));
  replace($('evidence-body'), [
    h('dl', { class: 'facts', id: 'cell-facts' }, facts.map(([name, value]) => [h('dt', { text: name }), h('dd', {}, value)])),
    h('h3', { text: 'Probe spec' }), h('pre', { id: 'cell-spec', text: json.spec }),
    h('h3', { text: 'Raw result' }), h('pre', { id: 'cell-raw', text: json.raw }),
    h('h3', { text: 'Timings' }), h('pre', { id: 'cell-timings', text: json.timings }),
    cellEvidence(c, report.evidence).map((e) => hostEvidence(e, c.network))]);
}
