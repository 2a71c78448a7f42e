/*
 * The drivers compared: one row per network (and engine, where the hosts run several), one column per kind of cell (yes, no,
 * mixed), then latency and throughput.
 */
import { SEEN } from '../states.mjs';
import { ms, orNone } from '../format.mjs';

/** The comparison's kind-of-cell columns: every field of its rows but the network, the engine and the medians. */
export const comparisonColumns = (rows) => (rows.length
  ? Object.keys(rows[0]).filter((k) => k !== 'network' && k !== 'engine' && !k.startsWith('median')) : []);

/** Whether the rows have an engine axis: the run's hosts ran several engines, and each network has a row per engine. */
export const engineAxis = (rows) => rows.some((r) => r.engine);

/** A column's value as shown: its word with its symbol, and whether it differs from the driver's promise (a trailing ' !'). */
export function seenValue(value) {
  const word = value.replace(' !', '');
  const surprised = value.includes('!');
  return { surprised, text: (SEEN[word] ? SEEN[word] + ' ' : '') + word + (surprised ? ' \u2717 differs from the driver\u2019s promise' : '') };
}

/** The median latency of a row, or the dash. */
export const latency = (row) => orNone(row.medianLatencyMs, ms);

/** The median throughput of a row in Mbit/s, or the dash. */
export const throughput = (row) => orNone(row.medianMbitPerSecond, (v) => v.toFixed(0) + ' Mbit/s');
