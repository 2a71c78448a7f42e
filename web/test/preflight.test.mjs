import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingStatus, sortFindings } from '../src/js/model/preflight.mjs';

test('failures first, then warnings, then passes, by check within each; the report\'s list stays as it was', () => {
  const findings = [
    { check: 'kernel', status: 'PASS' }, { check: 'ports', status: 'WARN' }, { check: 'mtu', status: 'FAIL' },
    { check: 'clock', status: 'PASS' }, { check: 'gossip', status: 'FAIL' }
  ];
  assert.deepEqual(sortFindings(findings).map((f) => f.status + ' ' + f.check),
    ['FAIL gossip', 'FAIL mtu', 'WARN ports', 'PASS clock', 'PASS kernel']);
  assert.equal(findings[0].check, 'kernel');
  assert.deepEqual(sortFindings(undefined), []);
});

test('a status shows as a state\'s colour, symbol and word', () => {
  assert.deepEqual(findingStatus({ status: 'FAIL' }), { class: 'st-unexpected', text: '\u2717 fail' });
  assert.deepEqual(findingStatus({ status: 'WARN' }), { class: 'st-error', text: '\u26a0 warn' });
  assert.deepEqual(findingStatus({ status: 'PASS' }), { class: 'st-matched', text: '\u2713 pass' });
});
