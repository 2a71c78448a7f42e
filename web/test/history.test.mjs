import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diffCounts, diffRows, newestFirst } from '../src/js/model/history.mjs';

const diff = {
  changed: [{ id: 'c1', before: { verdict: 'matched', outcome: 'ok' }, after: { verdict: 'unexpected', outcome: 'blocked', reason: 'timeout' } }],
  added: [{ id: 'c2', verdict: 'matched', outcome: 'ok' }],
  removed: [{ id: 'c3', verdict: 'error' }, { id: 'c4', verdict: 'flaky', outcome: 'mixed' }]
};

test('a cell\'s result in brief: verdict, outcome and reason where it has them', () => {
  assert.equal(brief({ verdict: 'unexpected', outcome: 'blocked', reason: 'timeout' }), 'unexpected / blocked (timeout)');
  assert.equal(brief({ verdict: 'matched', outcome: 'ok' }), 'matched / ok');
  assert.equal(brief({ verdict: 'pending' }), 'pending');
  assert.equal(brief({}), '');
});

test('the diff\'s rows: changed, then only in the later run, then only in the earlier', () => {
  assert.deepEqual(diffRows(diff, 'r1', 'r2'), [
    { id: 'c1', change: 'changed', before: 'matched / ok', after: 'unexpected / blocked (timeout)' },
    { id: 'c2', change: 'only in r2', before: '\u2014', after: 'matched / ok' },
    { id: 'c3', change: 'only in r1', before: 'error', after: '\u2014' },
    { id: 'c4', change: 'only in r1', before: 'flaky / mixed', after: '\u2014' }]);
});

test('the diff counted, and two runs that came out the same said so', () => {
  assert.equal(diffCounts(diff, 'r1', 'r2'), '1 changed, 1 only in r2, 2 only in r1');
  const none = { changed: [], added: [], removed: [] };
  assert.equal(diffCounts(none, 'r1', 'r2'), '0 changed, 0 only in r2, 0 only in r1: the two runs came out the same');
  assert.deepEqual(diffRows(none, 'r1', 'r2'), []);
});

test('the runs newest first, the API\'s list as it was', () => {
  const runs = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  assert.deepEqual(newestFirst(runs).map((r) => r.id), ['c', 'b', 'a']);
  assert.equal(runs[0].id, 'a');
});
