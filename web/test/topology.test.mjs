import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FILLS, SIZES, addresses, bandLabel, bandLink, boxName, hostLine, hostName, netLabel, networkRow, topologyLabel, topologyLayout
} from '../src/js/model/topology.mjs';
import { report } from './fixtures.mjs';

const overlay = { name: 'lab-overlay', driver: 'overlay', scope: 'swarm', hosts: ['h1', 'h2'], subnets: [{ subnet: '10.90.0.0/24', gateway: '10.90.0.1' }] };
const bridge = { name: 'lab-bridge', driver: 'bridge', scope: 'local', hosts: ['h1', 'h2'],
  subnets: [{ host: 'h1', subnet: '10.91.0.0/24', gateway: '10.91.0.1' }, { host: 'h2', subnet: '10.91.0.0/24', gateway: '10.91.0.1' }] };
const placed = [
  { name: 'drivers-lab-overlay-h1-a', host: 'h1', role: 'agent', networks: ['lab-overlay'], addresses: { 'lab-overlay': '10.90.0.3' } },
  { name: 'drivers-lab-bridge-h1-a', host: 'h1', role: 'agent', networks: ['lab-bridge'], addresses: { 'lab-bridge': '10.91.0.2' } },
  { name: 'drivers-lab-overlay-h2-a', host: 'h2', role: 'agent', networks: ['lab-overlay'], addresses: { 'lab-overlay': '10.90.0.4' } }
];
const hosts = [{ name: 'h1', address: '10.250.0.11', role: 'manager', leader: true }, { name: 'h2', address: '10.250.0.12', role: 'worker' }];

test('each host a column; in it each network\'s label, then a box per container whose first network it is', () => {
  const layout = topologyLayout(report({ hosts, networks: [overlay, bridge], placed }));
  const { column, gap, box, top, band } = SIZES;
  assert.deepEqual(layout.columns.map((c) => [c.host.name, c.x]), [['h1', 10], ['h2', 10 + column + gap]]);
  const h1 = layout.columns[0].items;
  assert.deepEqual(h1.map((i) => [i.kind, i.net.name, i.y]), [
    ['net', 'lab-overlay', top], ['box', 'lab-overlay', top + 20],
    ['net', 'lab-bridge', top + 20 + box + 4 + 8], ['box', 'lab-bridge', top + 20 + box + 4 + 8 + 20]]);
  assert.deepEqual(h1.filter((i) => i.kind === 'box').map((i) => i.band), [0, -1], 'only the overlay\'s box links to a band');
  assert.equal(layout.columns[0].bottom, top + 2 * (20 + box + 4 + 8));
  assert.equal(layout.hostBottom, layout.columns[0].bottom, 'the taller column');
  assert.equal(layout.bandTop, layout.hostBottom + 24);
  assert.equal(layout.height, layout.bandTop + band + 10, 'one swarm network, one band');
  assert.equal(layout.width, 680, 'at least 680 wide');
  assert.equal(layout.color.get('lab-overlay'), FILLS[0]);
  assert.equal(layout.color.get('lab-bridge'), FILLS[1]);
  assert.equal(topologyLabel(layout, placed.length), 'Topology: 2 hosts, 2 networks, 3 containers');
});

test('an older report\'s hosts and networks are the names its containers are placed on', () => {
  const layout = topologyLayout(report({ placed }));
  assert.deepEqual(layout.hosts, [{ name: 'h1' }, { name: 'h2' }]);
  assert.deepEqual(layout.networks, [{ name: 'lab-overlay', subnets: [] }, { name: 'lab-bridge', subnets: [] }]);
  assert.deepEqual(layout.swarmNets, []);
  assert.equal(layout.columns[1].items.length, 2, 'h2: the overlay\'s label and its box');
});

test('no containers: the columns keep a minimum height; many hosts widen the picture; fills go round', () => {
  const many = Array.from({ length: 9 }, (v, i) => ({ name: 'h' + i }));
  const nets = Array.from({ length: 9 }, (v, i) => ({ name: 'n' + i }));
  const layout = topologyLayout(report({ hosts: many, networks: nets, placed: [] }));
  assert.equal(layout.hostBottom, SIZES.top + 30);
  assert.equal(layout.width, 10 + 9 * (SIZES.column + SIZES.gap));
  assert.equal(layout.color.get('n7'), FILLS[0]);
});

test('a box\'s line runs right from the box, then down to its band', () => {
  assert.equal(bandLink(10, 78, 0, 300), '272,94 280,94 280,304');
  assert.equal(bandLink(10, 78, 1, 300), '272,94 288,94 288,338', 'the second band: further right and lower');
});

test('a host says its address, swarm role, state and engine', () => {
  assert.equal(hostName(hosts[0]), 'h1  10.250.0.11');
  assert.equal(hostName({ name: 'h3' }), 'h3');
  assert.equal(hostLine({ role: 'manager', leader: true, nodeState: 'ready', engine: '27.3.1+dfsg1' }), 'swarm: manager (leader) \u00b7 ready \u00b7 docker 27.3.1');
  assert.equal(hostLine({ role: 'worker', swarmState: 'active' }), 'swarm: worker \u00b7 active');
  assert.equal(hostLine({}), 'swarm: not in a swarm \u00b7 state unknown');
});

test('a network\'s label has its subnet on that host, or the swarm network\'s one', () => {
  const h2 = { ...bridge, subnets: [bridge.subnets[0], { host: 'h2', subnet: '10.92.0.0/24' }], internal: true };
  assert.equal(netLabel(h2, 'h2'), 'lab-bridge \u00b7 bridge \u00b7 local \u00b7 10.92.0.0/24 \u00b7 internal');
  assert.equal(netLabel(h2, 'h9'), 'lab-bridge \u00b7 bridge \u00b7 local \u00b7 10.91.0.0/24 \u00b7 internal', 'else the first');
  assert.equal(netLabel(overlay, 'h2'), 'lab-overlay \u00b7 overlay \u00b7 swarm \u00b7 10.90.0.0/24');
  assert.equal(netLabel({ name: 'x' }, 'h1'), 'x \u00b7 ? \u00b7 ?');
});

test('a container\'s addresses: one per network, named where it has several; host and none say what they are', () => {
  assert.equal(addresses(placed[0], hosts[0]), '10.90.0.3');
  const multi = { networks: ['lab-overlay', 'lab-bridge', 'odd'], addresses: { 'lab-overlay': '10.90.0.5', 'lab-bridge': '10.91.0.5' } };
  assert.equal(addresses(multi, hosts[0]), 'lab-overlay 10.90.0.5, lab-bridge 10.91.0.5, odd ?');
  assert.equal(addresses({ networks: ['host'] }, hosts[0]), '10.250.0.11');
  assert.equal(addresses({ networks: ['host'] }, { name: 'h1' }), 'host address');
  assert.equal(addresses({ networks: ['none'], addresses: {} }, hosts[0]), 'no address');
});

test('a box names its container short, with its role unless an agent', () => {
  assert.equal(boxName(placed[0], 'drivers'), 'lab-overlay-h1-a');
  assert.equal(boxName({ name: 'drivers-web', role: 'service' }, 'drivers'), 'web (service)');
});

test('a band and a network\'s row describe the network', () => {
  assert.equal(bandLabel(overlay), 'lab-overlay \u00b7 overlay \u00b7 swarm scope, one network across 2 hosts \u00b7 10.90.0.0/24 (VXLAN between the hosts)');
  assert.equal(bandLabel({ name: 'o', driver: 'overlay' }), 'o \u00b7 overlay \u00b7 swarm scope, one network across 0 hosts (VXLAN between the hosts)');
  assert.deepEqual(networkRow(bridge), ['bridge', 'local', '10.91.0.0/24', '10.91.0.1', 'h1, h2']);
  assert.deepEqual(networkRow({ name: 'none', subnets: [{ subnet: '' }] }), ['', '', '\u2014', '\u2014', '']);
});
