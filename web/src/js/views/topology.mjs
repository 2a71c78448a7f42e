/* The topology section: the hosts, their containers and the networks as a picture, then the networks as a table. */
import { $, h, replace, row, table, td } from '../dom.mjs';
import {
  SIZES, addresses, bandLabel, bandLink, boxName, hostLine, hostName, netLabel, networkRow, topologyLabel, topologyLayout
} from '../model/topology.mjs';

const NETWORKS = ['Network', 'Driver', 'Scope', 'Subnet', 'Gateway', 'On hosts'];

/** A container's box in its host's column, and its line to its swarm network's band. */
function box(item, col, layout, lab) {
  const { column, box: height } = SIZES;
  const p = item.p;
  const host = col.host;
  const where = addresses(p, host);
  const g = h('g', { 'data-container': p.name },
    h('title', { text: p.name + ' (' + p.role + ') on ' + host.name + ': ' + where }),
    h('rect', { class: 'box', x: col.x + 12, y: item.y, width: column - 50, height, rx: 4, fill: layout.color.get(item.net.name), stroke: '#555' }),
    h('text', { x: col.x + 20, y: item.y + 14, 'font-size': 12, 'font-weight': 600, text: boxName(p, lab) }),
    h('text', { x: col.x + 20, y: item.y + 27, class: 'small', text: where }));
  return [g, item.band >= 0 ? h('polyline', { points: bandLink(col.x, item.y, item.band, layout.bandTop),
    fill: 'none', stroke: '#3a5f8a', 'stroke-width': 1.5 }) : null];
}

/** A host's column: its box, name and swarm role, then each network's label and containers. */
const hostColumn = (col, layout, lab) => [
  h('rect', { class: 'hostbox', x: col.x, y: 6, width: SIZES.column, height: layout.hostBottom - 6, rx: 6, 'data-host': col.host.name }),
  h('text', { x: col.x + 10, y: 26, 'font-weight': 700, text: hostName(col.host) }),
  h('text', { x: col.x + 10, y: 44, class: 'small', text: hostLine(col.host) }),
  col.items.map((item) => (item.kind === 'net'
    ? h('text', { x: col.x + 10, y: item.y + 13, class: 'netlabel', text: netLabel(item.net, col.host.name) })
    : box(item, col, layout, lab)))
];

/** A swarm network's band across the hosts. */
function band(net, i, layout) {
  const y = layout.bandTop + i * SIZES.band;
  return [h('rect', { x: 10, y: y + 4, width: layout.width - 20, height: 24, rx: 12, fill: layout.color.get(net.name), stroke: '#3a5f8a',
    'stroke-width': 1.5, 'data-network': net.name }), h('text', { x: 24, y: y + 21, class: 'netlabel', text: bandLabel(net) })];
}

export function renderTopology(report) {
  const layout = topologyLayout(report);
  const { width, height } = layout;
  const svg = h('svg', { class: 'topology', viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img',
    'aria-label': topologyLabel(layout, report.placed.length) },
  layout.columns.map((col) => hostColumn(col, layout, report.run.lab)), layout.swarmNets.map((net, i) => band(net, i, layout)));
  const networks = table({ class: 'networks' }, 'The lab\u2019s networks as the hosts\u2019 docker network inspect describe them', NETWORKS,
    layout.networks.map((n) => row({}, n.name, networkRow(n).map((text) => td(text)))));
  replace($('topology-body'), [h('div', { class: 'scroll' }, svg), networks]);
}
