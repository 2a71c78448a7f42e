import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NONE, ms, orNone, runFromHash, runLabel, shortName, unique } from '../src/js/format.mjs';

test('milliseconds take three decimals under 1, two under 100, none above', () => {
  assert.equal(ms(0), '0.000 ms');
  assert.equal(ms(0.0456), '0.046 ms');
  assert.equal(ms(0.9994), '0.999 ms');
  assert.equal(ms(1), '1.00 ms');
  assert.equal(ms(12.341), '12.34 ms');
  assert.equal(ms(99.99), '99.99 ms');
  assert.equal(ms(100), '100 ms');
  assert.equal(ms(1234.5678), '1235 ms');
});

test('no milliseconds are no text, and no value is the dash', () => {
  assert.equal(ms(undefined), '');
  assert.equal(ms(null), '');
  assert.equal(orNone(null, ms), NONE);
  assert.equal(orNone(undefined, ms), NONE);
  assert.equal(orNone(0, ms), '0.000 ms', 'zero is a value');
});

test('unique keeps the first of each, in order', () => {
  assert.deepEqual(unique(['h2', 'h1', 'h2', 'h3', 'h1']), ['h2', 'h1', 'h3']);
  assert.deepEqual(unique([]), []);
});

test('a short name drops the lab\'s prefix, then the network\'s', () => {
  assert.equal(shortName('drivers-lab-overlay-h1-a', 'drivers', 'lab-overlay'), 'h1-a');
  assert.equal(shortName('drivers-lab-overlay-h1-a', 'drivers'), 'lab-overlay-h1-a');
  assert.equal(shortName('drivers-web', 'drivers', 'lab-overlay'), 'web');
  assert.equal(shortName('other-h1-a', 'drivers', 'lab-overlay'), 'other-h1-a', 'another lab\'s name stays whole');
  assert.equal(shortName('driversx-h1', 'drivers'), 'driversx-h1', 'a prefix ends at a dash');
  assert.equal(shortName('drivers-h1', ''), 'drivers-h1', 'no lab yet: the name as it is');
});

test('a run reads as id, lab and status', () => {
  assert.equal(runLabel({ id: 'r1', lab: 'drivers', status: 'passed' }), 'r1 \u00b7 drivers \u00b7 passed');
});

test('the address asks for a run with #run=ID', () => {
  assert.equal(runFromHash('#run=20261124-090000-aaaa'), '20261124-090000-aaaa');
  assert.equal(runFromHash('#run=a%20b&x=1'), 'a b');
  assert.equal(runFromHash('#matrices'), null);
  assert.equal(runFromHash(''), null);
  assert.equal(runFromHash(undefined), null);
});
