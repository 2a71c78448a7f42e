import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MOVES, chipLook, matrixGroups, matrixLayout, moveFocus, pairFoot, pairTitle, routeTag } from '../src/js/model/matrix.mjs';
import { cell, report } from './fixtures.mjs';

/** A cell from source to target (agent names a, b, c on hosts h1, h2) on the network, with the probe and route. */
const pair = (source, target, fields) => cell({
  id: source + '/' + target + '/' + ((fields && fields.probe) || 'icmp') + '/' + ((fields && fields.route) || 'by address'),
  source, target, sourceHost: source === 'c' ? 'h2' : 'h1', targetHost: target === 'c' || target === 'vip' ? 'h2' : 'h1', ...fields
});

test('one matrix per network, in the order the cells first name them', () => {
  const groups = matrixGroups(report({ cells: [pair('a', 'b', { network: 'lab-bridge' }), pair('a', 'b'), pair('b', 'a', { network: 'lab-bridge' })] }));
  assert.deepEqual(groups.map((g) => [g.round, g.network, g.title, g.cells.length]), [[0, 'lab-bridge', 'lab-bridge', 2], [0, 'lab-overlay', 'lab-overlay', 1]]);
});

test('with steps, one matrix per network and round, round N titled after its step', () => {
  const rounds = [{ round: 1, title: 'docker network rm lab-bridge' }];
  const groups = matrixGroups(report({ rounds, cells: [pair('a', 'b'), pair('a', 'b', { round: 1 }), pair('b', 'a', { round: 1 })] }));
  assert.deepEqual(groups.map((g) => [g.round, g.title, g.cells.length]), [
    [0, 'round 0, as deployed \u00b7 lab-overlay', 1],
    [1, 'round 1, after \u201cdocker network rm lab-bridge\u201d \u00b7 lab-overlay', 2]]);
});

test('sources by host and name; the agents first among the targets, then by route, host and name', () => {
  const cells = [
    pair('c', 'vip', { route: 'by service vip', targetHost: 'h2' }), pair('b', 'c'), pair('c', 'a'), pair('a', 'c'),
    pair('c', 'b', { probe: 'tcp' }), pair('c', 'b'), pair('a', 'b', { route: 'by name' }), pair('a', 'b', { probe: 'dns' }), pair('a', 'b'),
    pair('b', 'web', { route: 'by name', targetHost: 'h1' })];
  const layout = matrixLayout(cells);
  assert.deepEqual(layout.sources.map((s) => s.host + ' ' + s.name), ['h1 a', 'h1 b', 'h2 c']);
  assert.deepEqual(layout.targets.map((t) => t.name), ['a', 'b', 'c', 'web', 'vip']);
  assert.deepEqual(layout.groups, [
    { key: 'h1', span: 2, first: 0 }, { key: 'h2', span: 1, first: 2 },
    { key: 'h1 \u00b7 by name', span: 1, first: 3 }, { key: 'h2 \u00b7 by service vip', span: 1, first: 4 }]);
  assert.deepEqual([...layout.edges], [0, 2, 3, 4]);
  // a to b: icmp before dns, and by address before by name within a probe
  assert.deepEqual(layout.pairCells[0][1].map((c) => c.probe + ' ' + c.route), ['icmp by address', 'icmp by name', 'dns by address']);
  assert.deepEqual(layout.pairCells[2][1].map((c) => c.probe), ['icmp', 'tcp']);
  assert.deepEqual(layout.pairCells[0][0], [], 'a to itself: no cells');
  assert.equal(layout.pairCells[2][4][0].route, 'by service vip');
});

test('a pair\'s title and foot say same host or cross-host, and its latency', () => {
  assert.equal(pairTitle({ host: 'h1' }, { host: 'h1' }), 'same host (h1)');
  assert.equal(pairTitle({ host: 'h1' }, { host: 'h2' }), 'cross-host: h1 \u2192 h2');
  const cells = [cell({ probe: 'tcp', latencyMs: 2.5 }), cell({ probe: 'icmp', latencyMs: 0.25 }), cell({ probe: 'http', latencyMs: 0.1, outcome: 'blocked' })];
  assert.equal(pairFoot(cells, false), 'cross-host \u00b7 0.250 ms', 'icmp\'s where it answered');
  assert.equal(pairFoot(cells.slice(0, 1), true), 'same host \u00b7 2.50 ms');
  assert.equal(pairFoot([cell({ latencyMs: 1, route: 'by name' }), cell({ latencyMs: undefined })], true), 'same host', 'only answered by-address probes time a pair');
});

test('a route is a chip\'s suffix: none by address, the route\'s last word otherwise', () => {
  assert.equal(routeTag('by address'), '');
  assert.equal(routeTag('by name'), '\u00b7name');
  assert.equal(routeTag('by service vip'), '\u00b7vip');
  assert.equal(routeTag('published'), '\u00b7published');
});

test('a chip shows its state\'s symbol, its probe and route, and says all of it in its label', () => {
  assert.deepEqual(chipLook(cell({ latencyMs: 0.5 })), {
    state: 'matched', class: 'chip st st-matched', text: '\u2713 icmp',
    label: 'drivers-h1-a to drivers-h2-a, icmp by address: matched: answered, as the driver promises, 0.500 ms'
  });
  const surprise = chipLook(cell({ verdict: 'unexpected', outcome: 'blocked', reason: 'timeout', probe: 'tcp', route: 'by name' }));
  assert.equal(surprise.class, 'chip st st-unexpected');
  assert.equal(surprise.text, '\u2717 tcp\u00b7name');
  assert.match(surprise.label, /by name: unexpected: contradicts what the driver promises \(timeout\)$/);
  assert.equal(chipLook(cell({ verdict: 'pending' })).text, '\u2026 icmp');
});

test('arrows move within a cell\'s chips, then to the nearest cell in their direction that has chips', () => {
  // a 3 by 3 grid of cells' chips; the middle row's middle cell is empty
  const grid = [[['a'], ['b1', 'b2'], ['c']], [['d'], [], ['f1', 'f2']], [['g'], ['h'], ['i']]];
  const at = (r, c) => (grid[r] && grid[r][c]) || null;
  assert.equal(moveFocus(MOVES.ArrowRight, 0, 1, 0, grid[0][1], at), 'b2', 'the next chip in the cell');
  assert.equal(moveFocus(MOVES.ArrowRight, 0, 1, 1, grid[0][1], at), 'c', 'past the last chip: the next cell');
  assert.equal(moveFocus(MOVES.ArrowLeft, 0, 1, 0, grid[0][1], at), 'a');
  assert.equal(moveFocus(MOVES.ArrowLeft, 1, 2, 0, grid[1][2], at), 'd', 'over the empty cell, to the last chip of the next');
  assert.equal(moveFocus(MOVES.ArrowLeft, 0, 2, 0, grid[0][2], at), 'b2', 'moving left lands on a cell\'s last chip');
  assert.equal(moveFocus(MOVES.ArrowDown, 0, 1, 1, grid[0][1], at), 'h', 'down over the empty cell, to the first chip');
  assert.equal(moveFocus(MOVES.ArrowUp, 0, 0, 0, grid[0][0], at), null, 'nothing above the first row');
  assert.equal(moveFocus(MOVES.ArrowRight, 2, 2, 0, grid[2][2], at), null, 'nothing right of the last column');
  assert.equal(MOVES.Enter, undefined);
});
