/* The bundled page, built in memory as `npm run build` builds it, run in Node on a fake document: as the exported file
 * (the run inlined) and as served (a fake API and event stream). The browser test (PageIT) does the same in chromium. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { build } from 'esbuild';
import { OPTIONS } from '../bundle.mjs';
import { STATES } from '../src/js/states.mjs';
import { pageDocument } from './fake-dom.mjs';
import { cell, report } from './fixtures.mjs';

const bundled = (await build({ ...OPTIONS, write: false, outfile: 'app.js' })).outputFiles[0].text;

const CELLS = [
  cell({ id: 'c-ok', latencyMs: 0.25 }),
  cell({ id: 'c-surprise', probe: 'tcp', verdict: 'unexpected', outcome: 'blocked', reason: 'timeout', raw: { outcome: 'blocked' } }),
  cell({ id: 'c-blocked', probe: 'udp', outcome: 'blocked', expected: { outcome: 'blocked', reason: 'no route', source: 'driver' } }),
  cell({ id: 'c-elsewhere', source: 'drivers-h2-a', target: 'drivers-h1-a', sourceHost: 'h2', targetHost: 'h1', outcome: 'misrouted' }),
  cell({ id: 'c-pending', probe: 'dns', verdict: 'pending', outcome: undefined })
];
const EXPECTED = { 'c-ok': 'matched', 'c-surprise': 'unexpected', 'c-blocked': 'blocked', 'c-elsewhere': 'elsewhere', 'c-pending': 'not-measured' };
const STATE_TABLE = [{ key: 'matched', label: 'matched', meaning: 'as promised' }, { key: 'unexpected', label: 'unexpected' },
  { key: 'not-measured', label: 'not measured' }];

/** The run r1 of the drivers lab on h1 and h2, its cells as given. */
const run = (fields) => report({
  cells: CELLS.map((c) => ({ ...c })),
  hosts: [{ name: 'h1', address: '10.250.0.11', role: 'manager', leader: true }, { name: 'h2', address: '10.250.0.12', role: 'worker' }],
  networks: [{ name: 'lab-overlay', driver: 'overlay', scope: 'swarm', hosts: ['h1', 'h2'], subnets: [{ subnet: '10.90.0.0/24' }] }],
  placed: [{ name: 'drivers-h1-a', host: 'h1', role: 'agent', networks: ['lab-overlay'] }, { name: 'drivers-h2-a', host: 'h2', role: 'agent',
    networks: ['lab-overlay'] }],
  evidence: [{ host: 'h1', bridges: '7: veth1a@if6: <UP> mtu 1450 master br-1234 state forwarding', natRules: '-A POSTROUTING -j MASQUERADE',
    networks: { 'lab-overlay': { Driver: 'overlay' } } }, { host: 'h2', natRules: '' }],
  findings: [{ check: 'kernel', host: 'h1', status: 'PASS', evidence: 'ok' }, { check: 'ip_vs', host: 'h2', status: 'WARN', evidence: 'no ip_vs' }],
  summary: {
    allMatched: false, causes: [], states: STATE_TABLE,
    networks: [{ network: 'lab-overlay', cells: 5, matched: 3, unexpected: 1, notMeasured: 1 }],
    comparison: [{ network: 'lab-overlay', 'same host': 'yes', 'cross-host': 'mixed !', medianLatencyMs: 0.25, medianMbitPerSecond: null }]
  },
  ...fields
});

/** A fake EventSource whose events the test sends. */
class Stream {
  constructor(url) { Object.assign(this, { url, listeners: {}, closed: false }); Stream.opened.push(this); }
  addEventListener(name, fn) { this.listeners[name] = fn; }
  close() { this.closed = true; }
  send(name, data) { this.listeners[name]({ data: JSON.stringify(data) }); }
}

/** The API as a table of paths and answers (a function of nothing, so a test can change it); each answer {status, body} or a body, or a promise of one. */
const fakeApi = (answers) => async (path) => {
  const answer = await (answers[path] ? answers[path]() : { status: 404, body: { error: 'no ' + path } });
  const { status, body } = answer.status ? answer : { status: 200, body: answer };
  return { ok: status < 400, status, json: async () => JSON.parse(JSON.stringify(body)) };
};

/** Runs the bundle on a fresh document, as the exported file (report) or served (answers). */
function openPage({ exported, answers, hash }) {
  Stream.opened = [];
  const document = pageDocument();
  const hashchange = [];
  const context = {
    document, EventSource: Stream, fetch: fakeApi(answers || {}),
    window: { SWARMLAB_REPORT: exported, addEventListener: (type, fn) => hashchange.push(fn) },
    location: { hash: hash || '' },
    history: { replaceState: (data, title, url) => { context.location.hash = url; } },
    CSS: { escape: (s) => s.replace(/([^\w-])/g, '\\$1') }
  };
  vm.runInNewContext(bundled, context);
  return { document, $: (id) => document.getElementById(id), all: (selector) => document.querySelectorAll(selector), hashchange, context };
}

/** Lets the page's promises settle. */
const settle = async () => { for (let i = 0; i < 10; i++) { await new Promise((resolve) => setImmediate(resolve)); } };

const chipOf = (page, id) => page.all('button[data-cell]').find((b) => b.getAttribute('data-cell') === id);

test('the bundle is one classic script: no import or export, no eval, ASCII only, nothing that ends an inline script', () => {
  assert.doesNotThrow(() => new vm.Script(bundled), 'it compiles as a script, not a module');
  assert.match(bundled, /^\/\* swarmlab's page, bundled from web\/src\/js[^\n]*\*\/\n'use strict';\n\(\(\) => \{\n/, 'strict, one IIFE');
  assert.doesNotMatch(bundled, /\beval\(|new Function\(/);
  assert.doesNotMatch(bundled, /[^\t\n\x20-\x7e]/, 'printable ASCII only: other characters escaped (U+2028 cannot break a line)');
  assert.doesNotMatch(bundled, /<\//, 'no "</" at all: the exported HTML escapes it, which only a string survives');
});

test('the exported file shows every cell as a chip in its state, with its symbol', () => {
  const page = openPage({ exported: run({}) });
  assert.equal(page.all('button.chip').length, CELLS.length);
  for (const [id, state] of Object.entries(EXPECTED)) {
    const chip = chipOf(page, id);
    assert.equal(chip.getAttribute('data-state'), state, id);
    assert.ok(chip.textContent.startsWith(STATES[state].sym + ' '), chip.textContent);
  }
  assert.equal(chipOf(page, 'c-surprise').textContent, '\u2717 tcp');
  const pair = chipOf(page, 'c-ok').closest('td');
  assert.equal(pair.getAttribute('class'), 'other hostedge');
  assert.equal(pair.querySelector('span.pair-foot').textContent, 'cross-host \u00b7 0.250 ms');
  assert.equal(page.all('table.matrix').length, 1);
  assert.equal(page.$('matrices-body').querySelector('h3').textContent, 'lab-overlay');
});

test('on hosts of several engines the comparison has a row per network and engine, and the topology each host\'s engine', () => {
  const base = run({});
  const page = openPage({ exported: run({
    hosts: [{ ...base.hosts[0], engine: '20.10.24+dfsg1' }, { ...base.hosts[1], engine: '28.5.2+dfsg4' }],
    summary: { ...base.summary, comparison: [
      { network: 'host', engine: '20.10.24', 'routed, published': 'yes', medianLatencyMs: null, medianMbitPerSecond: null },
      { network: 'host', engine: '28.5.2', 'routed, published': 'no', medianLatencyMs: null, medianMbitPerSecond: null }] }
  }) });
  const table = page.$('comparison-table');
  assert.deepEqual(table.querySelectorAll('tr[data-engine]').map((tr) => tr.getAttribute('data-engine')), ['20.10.24', '28.5.2']);
  assert.deepEqual(table.querySelectorAll('td[data-column="engine"]').map((td) => td.textContent), ['20.10.24', '28.5.2']);
  assert.deepEqual(table.querySelectorAll('td[data-column="routed, published"]').map((td) => td.textContent), ['\u25cf yes', '\u25cb no']);
  assert.match(page.document.querySelector('svg').textContent, /docker 20\.10\.24.*docker 28\.5\.2/s);
});

test('the exported file\'s summary, topology, comparison and preflight', () => {
  const page = openPage({ exported: run({}) });
  assert.equal(page.$('title').textContent, '\u00b7 drivers \u00b7 run r1 \u00b7 passed');
  assert.equal(page.$('verdict').textContent, 'Some cells did not match: look for \u2717 and ! in the matrices.');
  assert.equal(page.$('run-id').textContent, 'r1');
  const counts = page.$('counts');
  assert.deepEqual(counts.querySelectorAll('th').map((th) => th.textContent), ['Network', 'Cells', 'matched', 'unexpected', 'not measured', 'lab-overlay']);
  assert.deepEqual(counts.querySelectorAll('td').map((td) => td.textContent), ['5', '3', '1', '1']);
  assert.equal(counts.querySelector('td[data-state="not-measured"]').textContent, '1');
  assert.equal(page.$('legend').children.length, Object.keys(STATES).length);
  assert.equal(page.$('legend').children[0].getAttribute('title'), 'as promised');
  assert.equal(page.all('rect[data-host]').length, 2);
  assert.equal(page.all('g[data-container]').length, 2);
  assert.equal(page.all('polyline').length, 2, 'both boxes link to the overlay\'s band');
  assert.match(page.document.querySelector('svg').textContent, /manager \(leader\).*10\.90\.0\.0\/24/s);
  const surprise = page.$('comparison-table').querySelector('td[data-column="cross-host"]');
  assert.equal(surprise.getAttribute('class'), 'st-unexpected');
  assert.equal(surprise.textContent, '\u25d0 mixed \u2717 differs from the driver\u2019s promise');
  assert.equal(page.$('comparison-table').querySelector('td[data-column="median latency"]').textContent, '0.250 ms');
  assert.equal(page.$('comparison-table').querySelector('td[data-column="throughput"]').textContent, '\u2014');
  assert.deepEqual(page.all('tr[data-status]').map((tr) => tr.getAttribute('data-status')), ['WARN', 'PASS']);
});

test('the exported file has one run, no history and no way to start another', () => {
  const page = openPage({ exported: run({}) });
  assert.match(page.$('history-body').textContent, /^This file holds one run/);
  assert.equal(page.$('start-run').hidden, true);
  assert.deepEqual(page.$('run-select').children.map((o) => o.textContent), ['r1 \u00b7 drivers \u00b7 passed']);
});

test('a chip opens its cell\'s evidence, and the arrow keys move between chips', async () => {
  const page = openPage({ exported: run({}) });
  chipOf(page, 'c-surprise').fire('click');
  await settle();
  assert.equal(page.$('evidence').open, true);
  assert.equal(page.$('evidence-h').textContent, 'drivers-h1-a \u2192 drivers-h2-a \u00b7 lab-overlay \u00b7 tcp by address');
  const facts = page.$('cell-facts').textContent;
  assert.match(facts, /^State\u2717 unexpected: contradicts what the driver promises/);
  assert.match(facts, /Expectedok: an overlay spans hosts \(from driver overlay\)Observedblocked \(timeout\)/);
  assert.equal(page.$('cell-raw').textContent, '{\n  "outcome": "blocked"\n}');
  const hosts = page.all('section.host-evidence');
  assert.deepEqual(hosts.map((s) => s.getAttribute('data-host')), ['h1', 'h2']);
  assert.equal(hosts[0].querySelector('li').textContent, 'br-1234: veth1a');
  assert.equal(hosts[0].querySelector('pre.nat').textContent, '-A POSTROUTING -j MASQUERADE');
  assert.equal(hosts[1].querySelector('pre.nat').textContent, '(none)');
  page.$('evidence-close').fire('click');
  assert.equal(page.$('evidence').open, false);

  const [first, second] = chipOf(page, 'c-ok').closest('td').querySelectorAll('button.chip');
  assert.equal(first.fire('keydown', { key: 'ArrowRight' }), true, 'the arrow is taken');
  assert.equal(page.document.activeElement, second);
  assert.equal(first.fire('keydown', { key: 'a' }), false, 'other keys are not');
});

test('served: the history lists the runs, and shows what changed between two', async () => {
  const diff = { changed: [{ id: 'c-surprise', before: { verdict: 'matched', outcome: 'ok' }, after: { verdict: 'unexpected', outcome: 'blocked' } }],
    added: [], removed: [] };
  const runs = [{ id: 'r0', lab: 'drivers', status: 'passed', started: 's0', counts: { cells: 5, matched: 5 } },
    { id: 'r1', lab: 'drivers', status: 'failed', started: 's1', counts: { cells: 5, matched: 3, unexpected: 1, notMeasured: 1 } }];
  const page = openPage({ answers: { '/api/runs': () => runs, '/api/labs': () => [{ name: 'drivers' }], '/api/runs/r1': () => run({}),
    '/api/runs/r0/diff/r1': () => diff } });
  await settle();
  assert.deepEqual(page.all('tr[data-run]').map((tr) => tr.getAttribute('data-run')), ['r1', 'r0'], 'the newest, shown by default, first');
  assert.deepEqual(page.all('tr[data-run]')[0].querySelectorAll('td').map((td) => td.textContent), ['r1', 'drivers', 's1', 'failed', '5', '3', '1', '1']);
  assert.equal(page.$('diff-before').value, 'r0');
  assert.equal(page.$('diff-after').value, 'r1');
  assert.equal(page.$('start-run').hidden, false, 'the server has the lab');
  page.$('diff-show').fire('click');
  await settle();
  assert.equal(page.$('diff-counts').textContent, '1 changed, 0 only in r1, 0 only in r0');
  assert.deepEqual(page.$('diff').querySelectorAll('td').map((td) => td.textContent), ['changed', 'c-surprise', 'matched / ok', 'unexpected / blocked']);
});

test('served: a running run is followed, each cell as it is measured, to its end', async () => {
  let shown = run({ run: { ...run({}).run, status: 'running' } });
  const page = openPage({ hash: '#run=r1', answers: { '/api/runs': () => [], '/api/labs': () => [], '/api/runs/r1': () => shown } });
  await settle();
  assert.equal(Stream.opened.length, 1);
  const stream = Stream.opened[0];
  assert.equal(stream.url, '/api/runs/r1/events');
  assert.equal(page.$('live').hidden, false);
  stream.send('step', { host: '-', message: 'connecting to 2 hosts' });
  stream.send('progress', { done: 4, total: 5, status: 'running' });
  assert.equal(page.$('steps').textContent, 'connecting to 2 hosts');
  assert.equal(page.$('progress').getAttribute('data-done'), '4');
  assert.equal(page.$('progress').value, '4');
  assert.equal(page.$('progress').max, 5);
  assert.equal(page.$('progress-text').textContent, '4 / 5 cells measured \u00b7 running');
  stream.send('cell', { id: 'c-pending', verdict: 'unexpected', outcome: 'blocked', reason: 'NXDOMAIN' });
  assert.equal(chipOf(page, 'c-pending').getAttribute('data-state'), 'unexpected');
  assert.equal(chipOf(page, 'c-pending').textContent, '\u2717 dns');
  assert.match(chipOf(page, 'c-pending').getAttribute('aria-label'), /\(NXDOMAIN\)$/);
  shown = run({ run: { ...run({}).run, status: 'failed' } });
  stream.send('end', { status: 'failed' });
  await settle();
  assert.equal(stream.closed, true);
  assert.equal(page.$('status').textContent, 'run r1 failed');
  assert.equal(page.$('live').getAttribute('data-over'), 'failed');
  assert.equal(page.$('progress').getAttribute('data-done'), '5');
  assert.equal(page.$('run-status').textContent, 'failed', 'the run shown again as it ended');
});

test('served: the run asked for while another loads is the one shown, however late the other answers', async () => {
  let answer = null;
  const late = new Promise((resolve) => { answer = resolve; });
  const runs = [{ id: 'r0', lab: 'drivers', status: 'passed', counts: {} }, { id: 'r1', lab: 'drivers', status: 'failed', counts: {} }];
  const r0 = run({ run: { ...run({}).run, id: 'r0' } });
  const page = openPage({ answers: { '/api/runs': () => runs, '/api/labs': () => [], '/api/runs/r1': () => late, '/api/runs/r0': () => r0 } });
  await settle();
  assert.equal(page.$('run-id'), null, 'the latest run, r1, is still loading');
  page.context.location.hash = '#run=r0';
  page.hashchange.forEach((fn) => fn());
  await settle();
  assert.equal(page.$('run-id').textContent, 'r0');
  answer(run({}));
  await settle();
  assert.equal(page.$('run-id').textContent, 'r0', 'r1 came too late to be shown');
  assert.equal(page.$('title').textContent, '\u00b7 drivers \u00b7 run r0 \u00b7 passed');
});

test('served: a failure says its message and remedy; no runs say how to make one', async () => {
  const failing = openPage({ answers: { '/api/runs': () => ({ status: 500, body: { error: 'the run store is locked', remedy: 'stop the other serve' } }) } });
  await settle();
  assert.equal(failing.$('failure').hidden, false);
  assert.equal(failing.$('failure').textContent, 'the run store is locked' + 'Remedy: stop the other serve');
  const empty = openPage({ answers: { '/api/runs': () => [], '/api/labs': () => ({ status: 401, body: {} }) } });
  await settle();
  assert.match(empty.$('summary-body').textContent, /^No runs are recorded yet/);
  assert.equal(empty.$('failure').hidden, true, 'labs the server does not list are no failure');
});
