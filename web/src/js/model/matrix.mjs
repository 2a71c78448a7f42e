/* The connectivity matrices: which cells go in which matrix, the matrix's rows and columns, and how a cell's chip reads. */
import { STATES, cellState } from '../states.mjs';
import { ms } from '../format.mjs';

/** The probes in the order a pair's chips show them. */
export const PROBE_ORDER = ['icmp', 'tcp', 'udp', 'http', 'dns', 'latency', 'throughput', 'mtu'];

/** The arrow keys' moves, as [rows, columns]. */
export const MOVES = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };

/** One matrix per network, and per probe round where the lab has steps (round N follows step N), each with its title. */
export function matrixGroups(report) {
  const rounds = report.rounds || [];
  const steps = new Map(rounds.map((r) => [r.round, r.title]));
  const groups = new Map();
  report.cells.forEach((c) => {
    const round = c.round || 0;
    const key = round + '\u0000' + c.network;
    if (!groups.has(key)) { groups.set(key, { round, network: c.network, cells: [] }); }
    groups.get(key).cells.push(c);
  });
  return [...groups.values()].map((g) => ({
    ...g,
    title: g.round ? 'round ' + g.round + ', after \u201c' + steps.get(g.round) + '\u201d \u00b7 ' + g.network
      : (rounds.length ? 'round 0, as deployed \u00b7 ' : '') + g.network
  }));
}

const byName = (a, b) => a.host.localeCompare(b.host) || a.name.localeCompare(b.name);
const byProbe = (a, b) => PROBE_ORDER.indexOf(a.probe) - PROBE_ORDER.indexOf(b.probe) || a.route.localeCompare(b.route);

/**
 * A matrix's layout: its sources (rows, by host then name), its targets (columns: the lab's own agents first, then by route,
 * host and name), the column groups of its header (a host, and the route for targets that are not agents) with the columns
 * where each group begins (edges), and for each row and column the pair's cells in probe order.
 */
export function matrixLayout(cells) {
  const sources = [];
  const targets = [];
  const pairs = new Map();
  cells.forEach((c) => {
    if (!sources.some((s) => s.name === c.source)) { sources.push({ name: c.source, host: c.sourceHost }); }
    if (!targets.some((t) => t.name === c.target)) { targets.push({ name: c.target, host: c.targetHost, route: c.route }); }
    const key = c.source + '\u0000' + c.target;
    pairs.set(key, [...(pairs.get(key) || []), c]);
  });
  const notAgent = (t) => (sources.some((s) => s.name === t.name) ? 0 : 1);
  sources.sort(byName);
  targets.sort((a, b) => notAgent(a) - notAgent(b) || a.route.localeCompare(b.route) || byName(a, b));
  const groups = [];
  targets.forEach((t, i) => {
    const key = t.host + (notAgent(t) ? ' \u00b7 ' + t.route : '');
    const last = groups[groups.length - 1];
    if (last && last.key === key) { last.span++; } else { groups.push({ key, span: 1, first: i }); }
  });
  const pairCells = sources.map((s) => targets.map((t) => (pairs.get(s.name + '\u0000' + t.name) || []).slice().sort(byProbe)));
  return { sources, targets, groups, edges: new Set(groups.map((g) => g.first)), pairCells };
}

/** The title of a pair's cell: same host, or cross-host and which way. */
export const pairTitle = (source, target) =>
  (source.host === target.host ? 'same host (' + source.host + ')' : 'cross-host: ' + source.host + ' \u2192 ' + target.host);

/** The foot of a pair's cell: same host or cross-host, and a latency (icmp's, else the first answered by-address probe's). */
export function pairFoot(cells, sameHost) {
  const timed = cells.filter((c) => c.latencyMs !== undefined && c.outcome === 'ok' && c.route === 'by address');
  const pick = timed.find((c) => c.probe === 'icmp') || timed[0];
  return (sameHost ? 'same host' : 'cross-host') + (pick ? ' \u00b7 ' + ms(pick.latencyMs) : '');
}

/** A route as a chip's suffix: none by address, '·name' by name, else its last word ('·vip' for by service vip). */
export const routeTag = (route) => (route === 'by address' ? '' : route === 'by name' ? '\u00b7name' : '\u00b7' + route.split(' ').pop());

/** How a cell's chip looks: its state, class, text (symbol, probe, route) and label (for its title and screen readers). */
export function chipLook(c) {
  const state = cellState(c);
  const label = c.source + ' to ' + c.target + ', ' + c.probe + ' ' + c.route + ': ' + STATES[state].label
    + (c.latencyMs !== undefined ? ', ' + ms(c.latencyMs) : '') + (c.reason ? ' (' + c.reason + ')' : '');
  return { state, class: 'chip st st-' + state, text: STATES[state].sym + ' ' + c.probe + routeTag(c.route), label };
}

/**
 * Where an arrow key moves the focus from the at-th of the chips of the cell at row r, column col: to the next chip in the
 * cell when moving sideways and there is one, else to the first chip (the last, moving left) of the nearest cell in the
 * move's direction that has any. chipsAt(r, col) answers a cell's chips, or null past the table's edge; null: no move.
 */
export function moveFocus(move, r, col, at, chips, chipsAt) {
  if (move[1] && chips[at + move[1]]) { return chips[at + move[1]]; }
  for (let step = 1; step < 200; step++) {
    const found = chipsAt(r + move[0] * step, col + move[1] * step);
    if (!found) { return null; }
    if (found.length) { return found[move[1] < 0 ? found.length - 1 : 0]; }
  }
  return null;
}
