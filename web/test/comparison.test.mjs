import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonColumns, engineAxis, latency, seenValue, throughput } from '../src/js/model/comparison.mjs';

test('the columns are the rows\' fields but the network and the medians, in order', () => {
  const rows = [{ network: 'lab-overlay', 'same host': 'yes', 'cross-host': 'no !', medianLatencyMs: 0.2, medianMbitPerSecond: 900 }];
  assert.deepEqual(comparisonColumns(rows), ['same host', 'cross-host']);
  assert.deepEqual(comparisonColumns([]), []);
});

test('on hosts of several engines the rows have an engine, which is no column of cells', () => {
  const rows = [{ network: 'host', engine: '20.10.24', 'routed, published': 'yes' }, { network: 'host', engine: '28.5.2', 'routed, published': 'no' }];
  assert.deepEqual(comparisonColumns(rows), ['routed, published']);
  assert.equal(engineAxis(rows), true);
  assert.equal(engineAxis([{ network: 'host', 'routed, published': 'yes' }]), false, 'one engine: no axis');
});

test('a value shows its symbol and word, and says where it differs from the driver\'s promise', () => {
  assert.deepEqual(seenValue('yes'), { surprised: false, text: '\u25cf yes' });
  assert.deepEqual(seenValue('no'), { surprised: false, text: '\u25cb no' });
  assert.deepEqual(seenValue('mixed !'), { surprised: true, text: '\u25d0 mixed \u2717 differs from the driver\u2019s promise' });
  assert.deepEqual(seenValue('-'), { surprised: false, text: '-' }, 'no such cells: no symbol');
  assert.deepEqual(seenValue('maybe'), { surprised: false, text: 'maybe' });
});

test('latency and throughput are the medians, or the dash', () => {
  assert.equal(latency({ medianLatencyMs: 0.1234 }), '0.123 ms');
  assert.equal(latency({ medianLatencyMs: null }), '\u2014');
  assert.equal(latency({}), '\u2014');
  assert.equal(throughput({ medianMbitPerSecond: 941.6 }), '942 Mbit/s');
  assert.equal(throughput({ medianMbitPerSecond: 0 }), '0 Mbit/s');
  assert.equal(throughput({}), '\u2014');
});
