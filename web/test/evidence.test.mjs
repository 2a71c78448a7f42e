import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bridgeMembers, cellEvidence, cellFacts, cellJson, cellTitle, dockerNat, evidenceHeading, inspectText
} from '../src/js/model/evidence.mjs';
import { cell } from './fixtures.mjs';

test('the title and facts say what was expected, observed and dialled', () => {
  const c = cell({ verdict: 'unexpected', outcome: 'blocked', reason: 'timeout', evidence: 'no answer in 3000 ms', port: 80, latencyMs: 3000 });
  assert.equal(cellTitle(c), 'drivers-h1-a \u2192 drivers-h2-a \u00b7 lab-overlay \u00b7 icmp by address');
  assert.deepEqual(cellFacts(c), [
    ['Expected', 'ok: an overlay spans hosts (from driver overlay)'],
    ['Observed', 'blocked (timeout)'],
    ['Answered by', '\u2014'],
    ['Evidence', 'no answer in 3000 ms'],
    ['Dialled', '10.90.0.3:80'],
    ['Hosts', 'h1 \u2192 h2 (cross-host)'],
    ['Latency', '3000 ms']]);
});

test('a cell not measured yet says so', () => {
  const facts = new Map(cellFacts(cell({ verdict: 'pending', outcome: undefined, sameHost: true, targetHost: 'h1' })));
  assert.equal(facts.get('Observed'), 'not measured yet');
  assert.equal(facts.get('Hosts'), 'h1 \u2192 h1 (same host)');
  assert.equal(facts.get('Latency'), '\u2014');
  assert.equal(facts.get('Dialled'), '10.90.0.3');
  assert.deepEqual(cellJson(cell({})), { spec: '{}', raw: 'not measured yet', timings: '{}' });
  assert.equal(cellJson(cell({ raw: { outcome: 'ok' } })).raw, '{\n  "outcome": "ok"\n}');
});

test('each host\'s evidence is as the cell\'s round found it, else as the run found it', () => {
  const evidence = [{ host: 'h1' }, { host: 'h1', round: 1 }, { host: 'h2', round: 0 }, { host: 'h3' }];
  assert.deepEqual(cellEvidence(cell({ round: 1 }), evidence), [{ host: 'h1', round: 1 }, { host: 'h2', round: 0 }]);
  assert.deepEqual(cellEvidence(cell({}), evidence), [{ host: 'h1' }, { host: 'h2', round: 0 }]);
  assert.deepEqual(cellEvidence(cell({ round: 2 }), evidence), [{ host: 'h1' }, { host: 'h2', round: 0 }], 'no evidence of round 2: round 0\'s');
  assert.deepEqual(cellEvidence(cell({ targetHost: 'h1' }), evidence), [{ host: 'h1' }], 'one host once');
  assert.deepEqual(cellEvidence(cell({ sourceHost: 'h9', targetHost: 'h8' }), evidence), []);
  assert.deepEqual(cellEvidence(cell({}), undefined), []);
});

test('the bridges\' members come from the links that name a master', () => {
  const bridges = [
    '4: br-1234: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP',
    '7: veth1a@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br-1234 state forwarding priority 32 cost 2',
    '9: veth2b@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br-1234 state forwarding priority 32 cost 2',
    '11: vethc@if10: <BROADCAST> mtu 1500 master docker0 state disabled'].join('\n');
  assert.deepEqual(bridgeMembers(bridges), { 'br-1234': ['veth1a', 'veth2b'], docker0: ['vethc'] });
  assert.deepEqual(bridgeMembers(undefined), {});
});

test('the NAT rules shown are Docker\'s', () => {
  const rules = '-P PREROUTING ACCEPT\n-N DOCKER\n-A POSTROUTING -s 10.91.0.0/24 ! -o br-1234 -j MASQUERADE\n-A OUTPUT -j ACCEPT\n'
    + '-A DOCKER -p tcp --dport 8088 -j DNAT --to-destination 10.91.0.9:80\n-P PREROUTING ACCEPT\n-A PREROUTING -d 10.91.0.9/32 ! -i br-1234 -j DROP';
  assert.deepEqual(dockerNat(rules), ['-N DOCKER', '-A POSTROUTING -s 10.91.0.0/24 ! -o br-1234 -j MASQUERADE',
    '-A DOCKER -p tcp --dport 8088 -j DNAT --to-destination 10.91.0.9:80', '-A PREROUTING -d 10.91.0.9/32 ! -i br-1234 -j DROP'],
  'the raw table\'s drops (28.0: direct routing) too');
  assert.deepEqual(dockerNat(''), []);
});

test('a host\'s heading names the step that left it so, and its inspect is the network\'s or why there is none', () => {
  assert.equal(evidenceHeading({ host: 'h1', round: 1 }), 'On h1, as step 1 left it');
  assert.equal(evidenceHeading({ host: 'h2', round: 0 }), 'On h2');
  const e = { host: 'h2', networks: { 'lab-overlay': { Driver: 'overlay' } } };
  assert.equal(inspectText(e, 'lab-overlay'), '{\n  "Driver": "overlay"\n}');
  assert.match(inspectText(e, 'lab-bridge'), /^the network is not on h2 \(a worker shows an overlay only while/);
  assert.match(inspectText({ host: 'h3' }, 'lab-overlay'), /^the network is not on h3/);
});
