/* The summary section: the run's facts and verdict, open gates, the steps, the counts per network, and the legend. */
import { knownState, stateCounts, stateTable } from '../states.mjs';
import { $, h, num, replace, row, table, td } from '../dom.mjs';
import { NONE } from '../format.mjs';
import { asDeployed, countLabels, legend, openGates, runTitle, verdict } from '../model/summary.mjs';
import { badge } from './badge.mjs';

const ROUNDS = ['Round', 'Step', 'Expected', 'Outcome', 'Verdict', 'Detail'];

/** The steps and their rounds, where the lab has steps. */
function rounds(report) {
  const list = report.rounds || [];
  if (!list.length) { return null; }
  return table({ id: 'rounds' }, 'Round 0 tries what the lab expects Docker to refuse; each step after it is followed by a probe round', ROUNDS,
    list.map((r) => h('tr', { 'data-round': r.round }, num(r.round), td(r.title), td(r.expected), td(r.outcome),
      h('td', {}, badge(knownState(r.verdict), r.verdict)), td(r.detail))));
}

const fact = (name, value, id) => [h('dt', { text: name }), h('dd', { id, text: value })];

export function renderSummary(report) {
  const run = report.run;
  const states = stateTable(report);
  replace($('title'), runTitle(run));
  replace($('summary-body'), [
    h('dl', { class: 'facts' }, fact('Lab', run.lab + ' (' + run.labFile + ')'), fact('Run', run.id, 'run-id'),
      fact('Status', run.status, 'run-status'), fact('Started', run.started), fact('Ended', run.ended || NONE)),
    h('p', { id: 'verdict', text: verdict(report) }),
    openGates(report).map((g) => h('p', { class: 'st-error', 'data-gate': g.round, text: g.text })),
    asDeployed(report).map((text) => h('p', { class: 'as-deployed', text })),
    rounds(report),
    table({ id: 'counts' }, null, countLabels(states), report.summary.networks.map((n) => row({ 'data-network': n.network }, n.network,
      [num(n.cells), stateCounts(n, states).map((count, i) => num(count, { 'data-state': states[i].key }))])))]);
  replace($('legend'), legend(report).map((l) => h('span', { title: l.meaning }, badge(l.key), ' ' + l.label)));
}

/** The summary where the server has recorded no run yet. */
export function renderNoRuns() {
  replace($('summary-body'), h('p', { text: 'No runs are recorded yet: run a lab (swarmlab run labs/drivers.yaml) and reload.' }));
}
