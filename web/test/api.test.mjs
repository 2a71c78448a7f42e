import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENTS, api, follow, paths, startRun } from '../src/js/api.mjs';

/** A fetch that answers every request with the status and body, and keeps what it was asked. */
function answering(status, body) {
  const asked = [];
  const fetchImpl = async (path, options) => {
    asked.push([path, options]);
    return { ok: status < 400, status, json: async () => (body instanceof Error ? Promise.reject(body) : body) };
  };
  return { asked, fetchImpl };
}

test('the API\'s addresses encode their parts', () => {
  assert.equal(paths.runs(), '/api/runs');
  assert.equal(paths.labs(), '/api/labs');
  assert.equal(paths.run('r 1'), '/api/runs/r%201');
  assert.equal(paths.cell('r1', 'lab-overlay/a/b/icmp/by address'), '/api/runs/r1/cell?id=lab-overlay%2Fa%2Fb%2Ficmp%2Fby%20address');
  assert.equal(paths.diff('r1', 'r/2'), '/api/runs/r1/diff/r%2F2');
  assert.equal(paths.events('r1'), '/api/runs/r1/events');
  assert.equal(paths.start('drivers&x'), '/api/labs/drivers%26x/runs');
});

test('an answer that is ok is its JSON body', async () => {
  const { asked, fetchImpl } = answering(200, [{ id: 'r1' }]);
  assert.deepEqual(await api('/api/runs', undefined, fetchImpl), [{ id: 'r1' }]);
  assert.deepEqual(asked, [['/api/runs', {}]]);
});

test('an answer that is not ok fails with the server\'s error, remedy and status', async () => {
  const { fetchImpl } = answering(409, { error: 'lab drivers is running', remedy: 'wait for it' });
  await assert.rejects(api('/api/labs/drivers/runs', {}, fetchImpl), (e) => {
    assert.equal(e.message, 'lab drivers is running');
    assert.equal(e.remedy, 'wait for it');
    assert.equal(e.status, 409);
    return true;
  });
});

test('an error without a JSON body fails with its HTTP status', async () => {
  const { fetchImpl } = answering(502, new SyntaxError('Unexpected token <'));
  await assert.rejects(api('/api/runs', {}, fetchImpl), { message: 'HTTP 502', status: 502, remedy: undefined });
  const ok = answering(200, new SyntaxError('empty'));
  assert.deepEqual(await api('/api/runs', {}, ok.fetchImpl), {}, 'an ok answer with no JSON is an empty object');
});

test('a run is started with a POST of an empty JSON object', async () => {
  const { asked, fetchImpl } = answering(202, { run: 'r2' });
  assert.deepEqual(await startRun('drivers', fetchImpl), { run: 'r2' });
  assert.deepEqual(asked, [['/api/labs/drivers/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }]]);
});

/** An EventSource that the test sends events through. */
class FakeSource {
  constructor(url) { this.url = url; this.listeners = {}; this.closed = false; FakeSource.last = this; }
  addEventListener(name, fn) { this.listeners[name] = fn; }
  close() { this.closed = true; }
  send(name, data) { this.listeners[name]({ data: JSON.stringify(data) }); }
}

test('a run\'s events reach their handlers parsed; the stream closes before its end is handled', () => {
  const seen = [];
  const on = Object.fromEntries(EVENTS.map((name) => [name, (data) => seen.push([name, data, FakeSource.last.closed])]));
  const source = follow('r 1', on, FakeSource);
  assert.equal(source.url, '/api/runs/r%201/events');
  assert.deepEqual(Object.keys(source.listeners), ['step', 'progress', 'cell', 'end', 'failed']);
  source.send('step', { host: 'h1', message: 'deploying' });
  source.send('progress', { done: 1, total: 2, status: 'running' });
  source.send('cell', { id: 'c1', verdict: 'matched' });
  source.send('end', { status: 'passed' });
  assert.deepEqual(seen, [
    ['step', { host: 'h1', message: 'deploying' }, false], ['progress', { done: 1, total: 2, status: 'running' }, false],
    ['cell', { id: 'c1', verdict: 'matched' }, false], ['end', { status: 'passed' }, true]]);
});

test('a failed run closes its stream too, and events without a handler are let go', () => {
  let failed = null;
  const source = follow('r1', { failed: (f) => { failed = [f, source.closed]; } }, FakeSource);
  source.send('progress', { done: 0, total: 1 });
  source.send('failed', { error: 'h2 is gone', remedy: 'hosts up' });
  assert.deepEqual(failed, [{ error: 'h2 is gone', remedy: 'hosts up' }, true]);
});
