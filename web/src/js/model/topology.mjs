/* The topology: the hosts side by side, each network's containers in its host's column, the swarm networks as bands below. */
import { NONE, shortName, unique } from '../format.mjs';

/** The networks' fills, in turn. */
export const FILLS = ['#dbe9f7', '#fde7c8', '#dff0d8', '#efe0f5', '#f8dada', '#e2e2e2', '#d5f0ee'];
/** A host column's width, the gap between columns, a container box's height, where the first network begins, a band's height. */
export const SIZES = { column: 300, gap: 28, box: 32, top: 58, band: 34 };

/** The networks as the report describes them, or (older reports) the names its placed containers are on. */
const networksOf = (report) => (report.networks && report.networks.length ? report.networks
  : unique(report.placed.flatMap((p) => p.networks)).map((name) => ({ name, subnets: [] })));

/** The hosts as the report describes them, or (older reports) the names its containers are placed on. */
const hostsOf = (report) => (report.hosts && report.hosts.length ? report.hosts
  : unique(report.placed.map((p) => p.host)).map((name) => ({ name })));

/**
 * Where everything goes: per host a column at x, its items top to bottom (a network's label, then a box per container whose
 * first network it is; a box on a swarm network has the line to its band), the columns' bottom, the bands' top, the size.
 */
export function topologyLayout(report) {
  const { column, gap, box, top, band } = SIZES;
  const networks = networksOf(report);
  const hosts = hostsOf(report);
  const color = new Map(networks.map((n, i) => [n.name, FILLS[i % FILLS.length]]));
  const swarmNets = networks.filter((n) => n.scope === 'swarm');
  const columns = hosts.map((host, i) => {
    const x = 10 + i * (column + gap);
    const items = [];
    let y = top;
    networks.forEach((net) => {
      const members = report.placed.filter((p) => p.host === host.name && p.networks[0] === net.name);
      if (!members.length) { return; }
      items.push({ kind: 'net', net, y });
      y += 20;
      members.forEach((p) => { items.push({ kind: 'box', p, net, y, band: swarmNets.indexOf(net) }); y += box + 4; });
      y += 8;
    });
    return { host, x, items, bottom: y };
  });
  const hostBottom = Math.max(...columns.map((c) => c.bottom), top + 30);
  const bandTop = hostBottom + 24;
  return {
    networks, hosts, color, swarmNets, columns, hostBottom, bandTop,
    width: Math.max(10 + hosts.length * (column + gap), 680),
    height: bandTop + swarmNets.length * band + 10
  };
}

/** The line from a box on a swarm network (the band-th) to its band: right from the box, then down. */
export function bandLink(x, y, bandIndex, bandTop) {
  const { column, box, band } = SIZES;
  const gx = x + column - 30 + bandIndex * 8;
  const my = y + box / 2;
  return (x + 12 + column - 50) + ',' + my + ' ' + gx + ',' + my + ' ' + gx + ',' + (bandTop + bandIndex * band + 4);
}

/** The picture's label for screen readers. */
export const topologyLabel = (layout, containers) =>
  'Topology: ' + layout.hosts.length + ' hosts, ' + layout.networks.length + ' networks, ' + containers + ' containers';

/** A host's first line: its name and address. */
export const hostName = (host) => host.name + (host.address ? '  ' + host.address : '');

/** A host's second line: its swarm role, its node's state and its Docker engine. */
export function hostLine(host) {
  const role = host.role ? host.role + (host.leader ? ' (leader)' : '') : 'not in a swarm';
  return 'swarm: ' + role + ' \u00b7 ' + (host.nodeState || host.swarmState || 'state unknown')
    + (host.engine ? ' \u00b7 docker ' + host.engine.replace(/\+.*/, '') : '');
}

/** A network's label in a host's column: name, driver, scope, its subnet there (a swarm network's one), internal. */
export function netLabel(net, onHost) {
  const subnets = net.subnets || [];
  const subnet = subnets.find((s) => s.host === onHost || net.scope === 'swarm') || subnets[0];
  return net.name + ' \u00b7 ' + (net.driver || '?') + ' \u00b7 ' + (net.scope || '?') + (subnet ? ' \u00b7 ' + subnet.subnet : '')
    + (net.internal ? ' \u00b7 internal' : '');
}

/** A container's addresses, each network's (named where it has several); host and none networks say what they mean. */
export function addresses(p, host) {
  return p.networks.map((n) => {
    const a = p.addresses && p.addresses[n];
    return (p.networks.length > 1 ? n + ' ' : '') + (a || (n === 'host' ? host.address || 'host address' : n === 'none' ? 'no address' : '?'));
  }).join(', ');
}

/** A container's name in its box: short, with its role unless it is an agent. */
export const boxName = (p, lab) => shortName(p.name, lab) + (p.role !== 'agent' ? ' (' + p.role + ')' : '');

/** A swarm network's band: name, driver, how many hosts it spans, its subnet. */
export const bandLabel = (net) => net.name + ' \u00b7 ' + net.driver + ' \u00b7 swarm scope, one network across ' + (net.hosts || []).length
  + ' hosts' + ((net.subnets || [])[0] ? ' \u00b7 ' + net.subnets[0].subnet : '') + ' (VXLAN between the hosts)';

/** The networks table's row of a network: driver, scope, subnets, gateways, hosts. */
export function networkRow(n) {
  const subnets = n.subnets || [];
  return [n.driver || '', n.scope || '', unique(subnets.map((s) => s.subnet)).join(', ') || NONE,
    unique(subnets.map((s) => s.gateway)).filter(Boolean).join(', ') || NONE, (n.hosts || []).join(', ')];
}
