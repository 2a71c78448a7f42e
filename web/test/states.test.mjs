import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEEN, STATES, cellState, field, knownState, stateCounts, stateTable } from '../src/js/states.mjs';
import { cell, report } from './fixtures.mjs';

test('a state counts under its key in camel case', () => {
  assert.equal(field('matched'), 'matched');
  assert.equal(field('not-judged'), 'notJudged');
  assert.equal(field('not-measured'), 'notMeasured');
});

test('the state table is the report\'s own, else the four states older reports knew', () => {
  const own = [{ key: 'flaky', label: 'flaky' }];
  assert.deepEqual(stateTable(report({ summary: { states: own } })), own);
  assert.deepEqual(stateTable(report({ summary: {} })).map((s) => [s.key, s.label]),
    [['matched', 'matched'], ['unexpected', 'unexpected'], ['error', 'error'], ['not-measured', 'not measured']]);
  assert.equal(stateTable(null).length, 4);
});

test('a matched cell is matched, expected-blocked or answered elsewhere', () => {
  assert.equal(cellState(cell({})), 'matched');
  assert.equal(cellState(cell({ outcome: 'blocked', expected: { outcome: 'blocked' } })), 'blocked');
  assert.equal(cellState(cell({ outcome: 'misrouted', expected: { outcome: 'blocked' } })), 'elsewhere');
  assert.equal(cellState(cell({ outcome: 'misrouted', expected: { outcome: 'ok' } })), 'elsewhere', 'who answered wins over what was promised');
});

test('any other verdict is its own state, pending is not measured, an unknown one is an error', () => {
  for (const verdict of ['unexpected', 'misrouted', 'flaky', 'error', 'not-judged']) {
    assert.equal(cellState(cell({ verdict, outcome: 'blocked' })), verdict);
  }
  assert.equal(cellState(cell({ verdict: 'pending', outcome: undefined })), 'not-measured');
  assert.equal(cellState(cell({ verdict: 'surprising' })), 'error');
  assert.equal(cellState(cell({ verdict: 'toString' })), 'error', 'not a state because an object has it');
  assert.equal(knownState('flaky'), 'flaky');
  assert.equal(knownState(undefined), 'error');
});

test('every state has a symbol of its own and a label that starts with its name', () => {
  const symbols = Object.values(STATES).map((s) => s.sym);
  assert.equal(new Set(symbols).size, symbols.length);
  assert.match(STATES['not-judged'].label, /^not judged:/);
  assert.match(STATES.blocked.label, /^matched, expected-blocked/);
  assert.equal(SEEN.yes, '\u25cf');
  assert.equal(SEEN['-'], '');
});

test('counts follow the table\'s order, 0 where a run has none', () => {
  const states = [{ key: 'matched' }, { key: 'not-judged' }, { key: 'error' }];
  assert.deepEqual(stateCounts({ matched: 7, notJudged: 2 }, states), [7, 2, 0]);
});
