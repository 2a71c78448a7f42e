/* The summary: the run's title and verdict, the gates that did not converge, the steps and the legend. */
import { STATES, stateTable } from '../states.mjs';

/** The header's title: lab, run and status. */
export const runTitle = (run) => '\u00b7 ' + run.lab + ' \u00b7 run ' + run.id + ' \u00b7 ' + run.status;

/** The run's verdict in one sentence: going, all matched, a step failed, or the causes of what did not match. */
export function verdict(report) {
  const rounds = report.rounds || [];
  const stepsOk = rounds.every((r) => r.verdict === 'matched');
  const causes = report.summary.causes || [];
  if (report.run.status === 'running') { return 'The run is going.'; }
  if (report.summary.allMatched && stepsOk) {
    return 'Every cell matched what the drivers promise' + (rounds.length ? ', and every step did what the lab expected.' : '.');
  }
  if (!stepsOk) { return 'A step did not do what the lab expected: see the steps below.'; }
  if (causes.length) { return 'Some cells did not match. ' + causes.map((c) => c.text).join(' '); }
  return 'Some cells did not match: look for \u2717 and ! in the matrices.';
}

/** The convergence gates that did not converge, each with its round and what to say of it. */
export const openGates = (report) => (report.summary.gates || []).filter((g) => !g.converged).map((g) => ({
  round: g.round,
  text: 'Round ' + g.round + ': ' + g.text + '. The cells that depend on it are errors, not findings about Docker.'
}));

/** Where a host reports a lab network otherwise than the lab asks, or its daemon configured the default bridge: "HOST: CHECK: WHAT". */
export const asDeployed = (report) => (report.findings || []).filter((f) => f.status === 'WARN'
  && f.kind === 'AS_DEPLOYED').map((f) => 'As deployed, ' + f.host + ': ' + f.check
  + ': ' + f.evidence + '.');

/** The legend: every state the page shows, its symbol and label, and the report's meaning of it where the report has one. */
export function legend(report) {
  const meanings = {};
  stateTable(report).forEach((st) => { meanings[st.key] = st.meaning; });
  return Object.entries(STATES).map(([key, s]) => ({ key, sym: s.sym, label: s.label, meaning: meanings[key] || '' }));
}

/** The counts table's column headers: network, cells, then each state of the report's table. */
export const countLabels = (states) => ['Network', 'Cells', ...states.map((st) => st.label)];
