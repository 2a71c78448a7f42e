/* Cells and reports shaped as report.json and the API give them, made small for the tests. */

/** A cell of the drivers lab, matched by default; the fields given replace the defaults. */
export function cell(fields) {
  return {
    id: 'lab-overlay/drivers-h1-a/drivers-h2-a/icmp/by address',
    source: 'drivers-h1-a',
    target: 'drivers-h2-a',
    sourceHost: 'h1',
    targetHost: 'h2',
    sameHost: false,
    network: 'lab-overlay',
    probe: 'icmp',
    route: 'by address',
    dial: '10.90.0.3',
    verdict: 'matched',
    outcome: 'ok',
    expected: { outcome: 'ok', reason: 'an overlay spans hosts', source: 'driver overlay' },
    ...fields
  };
}

/** A run's report: the run, its summary and cells; the fields given replace the defaults. */
export function report(fields) {
  return {
    run: { id: 'r1', lab: 'drivers', labFile: 'labs/drivers.yaml', status: 'passed', started: '2026-11-24T09:00:00Z' },
    summary: { allMatched: true, networks: [], comparison: [], states: [{ key: 'matched', label: 'matched', meaning: 'as promised' }] },
    cells: [],
    placed: [],
    ...fields
  };
}
