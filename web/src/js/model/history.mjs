/* The history: every recorded run, and what changed between two of them. */
import { NONE } from '../format.mjs';

/** The runs newest first (the API lists them oldest first). */
export const newestFirst = (runs) => runs.slice().reverse();

/** A cell's result in a few words: verdict / outcome (reason). */
export const brief = (c) => (c.verdict || '') + (c.outcome ? ' / ' + c.outcome : '') + (c.reason ? ' (' + c.reason + ')' : '');

/** The diff's rows: the changed cells, then those only in the later run, then those only in the earlier one. */
export const diffRows = (diff, before, after) => [
  ...diff.changed.map((c) => ({ id: c.id, change: 'changed', before: brief(c.before), after: brief(c.after) })),
  ...diff.added.map((c) => ({ id: c.id, change: 'only in ' + after, before: NONE, after: brief(c) })),
  ...diff.removed.map((c) => ({ id: c.id, change: 'only in ' + before, before: brief(c), after: NONE }))
];

/** The diff in one line: how many changed, how many only in each run, and whether the two came out the same. */
export function diffCounts(diff, before, after) {
  const same = !diff.changed.length && !diff.added.length && !diff.removed.length;
  return diff.changed.length + ' changed, ' + diff.added.length + ' only in ' + after + ', ' + diff.removed.length + ' only in ' + before
    + (same ? ': the two runs came out the same' : '');
}
