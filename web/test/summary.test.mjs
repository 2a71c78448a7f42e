import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STATES } from '../src/js/states.mjs';
import { asDeployed, countLabels, legend, openGates, runTitle, verdict } from '../src/js/model/summary.mjs';
import { report } from './fixtures.mjs';

const matched = { round: 1, verdict: 'matched' };
const refused = { round: 2, verdict: 'unexpected' };

test('the title names the lab, the run and its status', () => {
  assert.equal(runTitle({ lab: 'drivers', id: 'r1', status: 'failed' }), '\u00b7 drivers \u00b7 run r1 \u00b7 failed');
});

test('a running run is going, whatever its cells say so far', () => {
  assert.equal(verdict(report({ run: { status: 'running' }, summary: { allMatched: false } })), 'The run is going.');
});

test('all matched: the cells, and the steps where the lab has steps', () => {
  assert.equal(verdict(report({})), 'Every cell matched what the drivers promise.');
  assert.equal(verdict(report({ rounds: [matched] })), 'Every cell matched what the drivers promise, and every step did what the lab expected.');
});

test('a step that did not do what the lab expected comes before the cells', () => {
  assert.equal(verdict(report({ rounds: [matched, refused] })), 'A step did not do what the lab expected: see the steps below.');
  assert.equal(verdict(report({ rounds: [refused], summary: { allMatched: false, causes: [{ text: 'x' }] } })),
    'A step did not do what the lab expected: see the steps below.');
});

test('cells that did not match: their causes, else where to look', () => {
  const causes = [{ text: 'h2 is not in the swarm.' }, { text: 'dockerd died on h3.' }];
  assert.equal(verdict(report({ summary: { allMatched: false, causes } })), 'Some cells did not match. h2 is not in the swarm. dockerd died on h3.');
  assert.equal(verdict(report({ summary: { allMatched: false, causes: [] } })), 'Some cells did not match: look for \u2717 and ! in the matrices.');
  assert.equal(verdict(report({ summary: { allMatched: false } })), 'Some cells did not match: look for \u2717 and ! in the matrices.');
});

test('only the gates that did not converge are said, with their round', () => {
  const gates = [{ round: 0, converged: true, text: 'fine' }, { round: 1, converged: false, text: 'the overlay did not converge' }];
  assert.deepEqual(openGates(report({ summary: { gates } })), [{ round: 1,
    text: 'Round 1: the overlay did not converge. The cells that depend on it are errors, not findings about Docker.' }]);
  assert.deepEqual(openGates(report({ summary: {} })), []);
});

test('what the hosts report otherwise than the lab asks is said; what they report as asked, and other warnings, are not', () => {
  const findings = [
    { check: 'deployed network front', host: 'h1', status: 'PASS', evidence: 'as the lab asks: driver bridge', kind: 'AS_DEPLOYED' },
    { check: 'deployed network back', host: 'h2', status: 'WARN', evidence: 'not as the lab asks: internal true, Docker reports false', kind: 'AS_DEPLOYED' },
    { check: 'default bridge', host: 'h3', status: 'WARN', evidence: 'the daemon\'s configuration gives the default bridge [enable_icc=false]', kind: 'AS_DEPLOYED' },
    { check: 'kernel: ip_vs', host: 'h1', status: 'WARN', evidence: 'no IP_VS', kind: 'PREFLIGHT' }];
  assert.deepEqual(asDeployed(report({ findings })), [
    'As deployed, h2: deployed network back: not as the lab asks: internal true, Docker reports false.',
    'As deployed, h3: default bridge: the daemon\'s configuration gives the default bridge [enable_icc=false].']);
  assert.deepEqual(asDeployed(report({})), []);
});

test('the legend has every state the page shows, with the report\'s meaning where it has one', () => {
  const entries = legend(report({}));
  assert.deepEqual(entries.map((e) => e.key), Object.keys(STATES));
  assert.deepEqual(entries[0], { key: 'matched', sym: '\u2713', label: STATES.matched.label, meaning: 'as promised' });
  assert.equal(entries.find((e) => e.key === 'flaky').meaning, '');
});

test('the counts table has the network, the cells, then each state', () => {
  assert.deepEqual(countLabels([{ label: 'matched' }, { label: 'not judged' }]), ['Network', 'Cells', 'matched', 'not judged']);
});
