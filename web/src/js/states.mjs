/* The cell states: the report's own table (report.summary.states) and how a cell or a step shows as one of them. */

/** Each state's symbol and label; a matched cell shows as one of the first three. */
export const STATES = {
  matched: { sym: '\u2713', label: 'matched: answered, as the driver promises' },
  blocked: { sym: '\u2298', label: 'matched, expected-blocked: no answer, as the driver promises' },
  elsewhere: { sym: '\u21b7', label: 'matched: another container answered at that address, so the target was not reached (as expected)' },
  unexpected: { sym: '\u2717', label: 'unexpected: contradicts what the driver promises' },
  misrouted: { sym: '\u21aa', label: 'misrouted: another container answered where the target should have' },
  flaky: { sym: '\u223f', label: 'flaky: tries observed different things' },
  error: { sym: '!', label: 'error: nothing measured, or the lab\u2019s infrastructure broken (see the diagnosis)' },
  'not-judged': { sym: '?', label: 'not judged: observed, but no expectation for this configuration' },
  'not-measured': { sym: '\u2026', label: 'not measured (yet)' }
};

/** The comparison's words as symbols: yes, no, mixed, error, and - (no such cells). */
export const SEEN = { yes: '\u25cf', no: '\u25cb', mixed: '\u25d0', error: '!', '-': '' };

/** The states older reports knew, before they carried the table. */
const OLD_STATES = ['matched', 'unexpected', 'error', 'not-measured'];

/** A state's counting field in report.json and the API: its key in camel case (not-judged: notJudged). */
export const field = (key) => key.replace(/-([a-z])/g, (m, c) => c.toUpperCase());

/** The states of the report's table, in its order (older reports lack it: the four states they knew). */
export function stateTable(report) {
  return report && report.summary && report.summary.states ? report.summary.states
    : OLD_STATES.map((key) => ({ key, label: key.replace('-', ' ') }));
}

/** The state a cell shows: its verdict, with a matched one told apart by what the driver promised and who answered. */
export function cellState(cell) {
  if (cell.verdict === 'pending') { return 'not-measured'; }
  if (cell.verdict !== 'matched') { return knownState(cell.verdict); }
  if (cell.outcome === 'misrouted') { return 'elsewhere'; }
  return cell.expected.outcome === 'blocked' ? 'blocked' : 'matched';
}

/** A verdict as a state of the table, error where the page does not know it. */
export const knownState = (verdict) => (Object.hasOwn(STATES, verdict) ? verdict : 'error');

/** Each count of a run (a network's row, a run's counts) in the order of the table, 0 where it has none. */
export const stateCounts = (counts, states) => states.map((st) => counts[field(st.key)] || 0);
