/* The comparison section: per network, what kinds of cell answered, and its latency and throughput. */
import { $, h, num, replace, row, table, td } from '../dom.mjs';
import { comparisonColumns, engineAxis, latency, seenValue, throughput } from '../model/comparison.mjs';

const AXIS = ' \u00b7 engine: the hosts run several engines; a row counts the cells whose path ends on a host of that engine.';
const KEY = '\u25cf yes: answered \u00b7 \u25cb no: blocked or answered by another container \u00b7 \u25d0 mixed \u00b7 \u2014 no such cells in this lab'
  + ' (throughput needs the lab\u2019s throughput probe) \u00b7 latency: median round trip of the answered by-address probes.';

export function renderComparison(report) {
  const rows = report.summary.comparison;
  const drivers = new Map((report.networks || []).map((n) => [n.name, n.driver]));
  const columns = comparisonColumns(rows);
  const axis = engineAxis(rows);
  const body = rows.map((r) => row({ 'data-network': r.network, 'data-engine': r.engine || '' }, r.network, [
    td(drivers.get(r.network) || ''),
    axis ? td(r.engine || '', { 'data-column': 'engine' }) : null,
    columns.map((c) => {
      const seen = seenValue(r[c]);
      return td(seen.text, { 'data-column': c, 'data-value': r[c], class: seen.surprised ? 'st-unexpected' : '' });
    }),
    num(latency(r), { 'data-column': 'median latency' }),
    num(throughput(r), { 'data-column': 'throughput' })]));
  replace($('comparison-body'), [
    table({ id: 'comparison-table' }, null, ['Network', 'Driver', ...(axis ? ['Engine'] : []), ...columns, 'median latency', 'throughput'],
      body),
    h('p', { class: 'muted', text: KEY + (axis ? AXIS : '') })]);
}
