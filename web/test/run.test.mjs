import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canRunAgain, indexCells, mergeCell, progressText, runChoices, stepText } from '../src/js/model/run.mjs';
import { cell } from './fixtures.mjs';

test('a live run\'s cell is merged into the one the page holds, or added', () => {
  const held = cell({ id: 'c1', verdict: 'pending', outcome: undefined });
  const byId = indexCells([held, cell({ id: 'c2' })]);
  assert.deepEqual([...byId.keys()], ['c1', 'c2']);
  const merged = mergeCell(byId, { id: 'c1', verdict: 'unexpected', outcome: 'blocked', latencyMs: 3 });
  assert.equal(merged, held, 'the same object, so what holds it sees the change');
  assert.equal(held.verdict, 'unexpected');
  assert.equal(held.probe, 'icmp', 'what the event did not send stays');
  const fresh = { id: 'c3', verdict: 'matched' };
  assert.equal(mergeCell(byId, fresh), fresh);
  assert.equal(byId.size, 3);
});

test('a step names its host where it has one; progress counts cells', () => {
  assert.equal(stepText({ host: 'h1', message: 'connecting' }), 'h1: connecting');
  assert.equal(stepText({ host: '-', message: 'connecting to 2 hosts' }), 'connecting to 2 hosts');
  assert.equal(stepText({ message: 'planning' }), 'planning');
  assert.equal(progressText({ done: 3, total: 40, status: 'running' }), '3 / 40 cells measured \u00b7 running');
});

test('the run list is newest first, with a run just started that the list does not have yet', () => {
  const runs = [{ id: 'a', lab: 'drivers', status: 'passed' }, { id: 'b', lab: 'drivers', status: 'failed' }];
  assert.deepEqual(runChoices(runs, 'b', 'drivers').map((r) => r.id), ['b', 'a']);
  assert.deepEqual(runChoices(runs, 'c', 'drivers')[0], { id: 'c', lab: 'drivers', status: 'starting' });
  assert.deepEqual(runChoices(runs, null, '').map((r) => r.id), ['b', 'a']);
  assert.equal(runs.length, 2, 'the API\'s list stays as it was');
});

test('a lab runs again only where the server has it', () => {
  assert.equal(canRunAgain([{ name: 'drivers' }], 'drivers'), true);
  assert.equal(canRunAgain([{ name: 'steps' }], 'drivers'), false);
  assert.equal(canRunAgain([], 'drivers'), false);
});
