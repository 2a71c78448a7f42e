/* swarmlab's page: one run's topology, matrices, driver comparison, preflight and evidence; run history and
 * diffs; a live view of a running run. Served by `swarmlab serve` (data from /api), or exported by
 * `swarmlab report RUN --html FILE` with the run inlined as window.SWARMLAB_REPORT (no server, no history). */
(function () {
  'use strict';

  var embedded = window.SWARMLAB_REPORT || null;
  var state = { report: null, byId: {}, runs: [], labs: [], runId: null, events: null };

  // The cell states are the report's own table (report.states); a matched cell shows as one of three.
  var STATES = {
    matched: { sym: '\u2713', label: 'matched: answered, as the driver promises' },
    blocked: { sym: '\u2298', label: 'matched, expected-blocked: no answer, as the driver promises' },
    elsewhere: { sym: '\u21b7', label: 'matched: another container answered at that address, so the target was not reached (as expected)' },
    unexpected: { sym: '\u2717', label: 'unexpected: contradicts what the driver promises' },
    misrouted: { sym: '\u21aa', label: 'misrouted: another container answered where the target should have' },
    flaky: { sym: '\u223f', label: 'flaky: tries observed different things' },
    error: { sym: '!', label: 'error: nothing measured, or the lab\u2019s infrastructure broken (see the diagnosis)' },
    'not-judged': { sym: '?', label: 'not judged: observed, but no expectation for this configuration' },
    'not-measured': { sym: '\u2026', label: 'not measured (yet)' }
  };

  /** A state's counting field in report.json and the API: its key in camel case (not-judged: notJudged). */
  function field(key) { return key.replace(/-([a-z])/g, function (m, c) { return c.toUpperCase(); }); }

  /** The states of the report's table, in its order (older reports lack it: the four states they knew). */
  function stateTable(report) {
    return report && report.summary && report.summary.states ? report.summary.states
      : ['matched', 'unexpected', 'error', 'not-measured'].map(function (k) { return { key: k, label: k.replace('-', ' ') }; });
  }
  var SEEN = { yes: '\u25cf', no: '\u25cb', mixed: '\u25d0', error: '!', '-': '' };

  // ---- small helpers ----

  function $(id) { return document.getElementById(id); }

  /** An element with attributes (class, text, data-*, aria-*, on*) and children (nodes or strings). */
  function h(tag, attrs) {
    var el = tag === 'svg' || /^(rect|line|text|polyline|g|title|tspan)$/.test(tag)
      ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) { return; }
      if (k === 'text') { el.textContent = v; } else if (k.indexOf('on') === 0) { el.addEventListener(k.slice(2), v); } else { el.setAttribute(k, v); }
    });
    for (var i = 2; i < arguments.length; i++) { add(el, arguments[i]); }
    return el;
  }

  function add(el, kid) {
    if (kid === undefined || kid === null || kid === false) { return; }
    if (Array.isArray(kid)) { kid.forEach(function (k) { add(el, k); }); return; }
    el.appendChild(typeof kid === 'string' || typeof kid === 'number' ? document.createTextNode(String(kid)) : kid);
  }

  function replace(el, kid) { el.textContent = ''; add(el, kid); }

  function api(path, options) {
    return fetch(path, options || {}).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          var e = new Error(body.error || ('HTTP ' + response.status));
          e.remedy = body.remedy;
          e.status = response.status;
          throw e;
        }
        return body;
      });
    });
  }

  function ms(value) {
    if (value === undefined || value === null) { return ''; }
    return (value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(0)) + ' ms';
  }

  function cellState(c) {
    if (c.verdict === 'pending') { return 'not-measured'; }
    if (c.verdict !== 'matched') { return STATES[c.verdict] ? c.verdict : 'error'; }
    if (c.outcome === 'misrouted') { return 'elsewhere'; }
    return c.expected.outcome === 'blocked' ? 'blocked' : 'matched';
  }

  function badge(stateName, extra) {
    var s = STATES[stateName];
    return h('span', { 'class': 'st st-' + stateName, title: s.label, 'aria-label': s.label }, s.sym + (extra ? ' ' + extra : ''));
  }

  /** An agent's name without the lab's and the network's prefix: drivers-lab-overlay-h1-a on lab-overlay is h1-a. */
  function short(name, network) {
    var lab = state.report ? state.report.run.lab : '';
    var s = name.indexOf(lab + '-') === 0 ? name.slice(lab.length + 1) : name;
    return network && s.indexOf(network + '-') === 0 ? s.slice(network.length + 1) : s;
  }

  function showFailure(error) {
    var el = $('failure');
    el.hidden = !error;
    replace(el, error ? [error.message || String(error), error.remedy ? h('br') : null, error.remedy ? 'Remedy: ' + error.remedy : null] : null);
  }

  // ---- summary ----

  function renderSummary(report) {
    var run = report.run;
    replace($('title'), '\u00b7 ' + run.lab + ' \u00b7 run ' + run.id + ' \u00b7 ' + run.status);
    var states = stateTable(report);
    var rows = report.summary.networks.map(function (n) {
      return h('tr', { 'data-network': n.network }, h('th', { scope: 'row', text: n.network }), h('td', { 'class': 'num', text: n.cells }),
        states.map(function (st) { return h('td', { 'class': 'num', 'data-state': st.key, text: n[field(st.key)] || 0 }); }));
    });
    var stepsOk = (report.rounds || []).every(function (r) { return r.verdict === 'matched'; });
    var verdict = run.status === 'running' ? 'The run is going.'
      : report.summary.allMatched && stepsOk ? 'Every cell matched what the drivers promise' + ((report.rounds || []).length ? ', and every step did what the lab expected.' : '.')
        : !stepsOk ? 'A step did not do what the lab expected: see the steps below.'
          : (report.summary.causes || []).length ? 'Some cells did not match. ' + report.summary.causes.map(function (c) { return c.text; }).join(' ')
            : 'Some cells did not match: look for \u2717 and ! in the matrices.';
    replace($('summary-body'), [
      h('dl', { 'class': 'facts' }, h('dt', { text: 'Lab' }), h('dd', { text: run.lab + ' (' + run.labFile + ')' }),
        h('dt', { text: 'Run' }), h('dd', { id: 'run-id', text: run.id }), h('dt', { text: 'Status' }), h('dd', { id: 'run-status', text: run.status }),
        h('dt', { text: 'Started' }), h('dd', { text: run.started }), h('dt', { text: 'Ended' }), h('dd', { text: run.ended || '\u2014' })),
      h('p', { id: 'verdict', text: verdict }),
      (report.summary.gates || []).filter(function (g) { return !g.converged; }).map(function (g) {
        return h('p', { 'class': 'st-error', 'data-gate': g.round, text: 'Round ' + g.round + ': ' + g.text + '. The cells that depend on it are errors, not findings about Docker.' });
      }),
      renderRounds(report),
      h('table', { id: 'counts' }, h('thead', {}, h('tr', {}, ['Network', 'Cells'].concat(states.map(function (st) { return st.label; })).map(function (t) {
        return h('th', { scope: 'col', text: t });
      }))), h('tbody', {}, rows))]);
    var meanings = {};
    states.forEach(function (st) { meanings[st.key] = st.meaning; });
    replace($('legend'), Object.keys(STATES).map(function (k) {
      return h('span', { title: meanings[k] || '' }, badge(k), ' ' + STATES[k].label);
    }));
  }

  // ---- topology ----

  var FILLS = ['#dbe9f7', '#fde7c8', '#dff0d8', '#efe0f5', '#f8dada', '#e2e2e2', '#d5f0ee'];

  function renderTopology(report) {
    var networks = report.networks && report.networks.length ? report.networks
      : unique(report.placed.reduce(function (all, p) { return all.concat(p.networks); }, [])).map(function (n) { return { name: n, subnets: [] }; });
    var color = {};
    networks.forEach(function (n, i) { color[n.name] = FILLS[i % FILLS.length]; });
    var hosts = report.hosts && report.hosts.length ? report.hosts
      : unique(report.placed.map(function (p) { return p.host; })).map(function (n) { return { name: n }; });
    var swarmNets = networks.filter(function (n) { return n.scope === 'swarm'; });
    var W = 300, GAP = 28, BOX = 32, TOP = 58;
    var columns = hosts.map(function (host, i) {
      var x = 10 + i * (W + GAP), y = TOP, items = [];
      networks.forEach(function (net) {
        var members = report.placed.filter(function (p) { return p.host === host.name && p.networks[0] === net.name; });
        if (!members.length) { return; }
        items.push({ kind: 'net', net: net, y: y });
        y += 20;
        members.forEach(function (p) { items.push({ kind: 'box', p: p, net: net, y: y }); y += BOX + 4; });
        y += 8;
      });
      return { host: host, x: x, items: items, bottom: y };
    });
    var hostBottom = Math.max.apply(null, columns.map(function (c) { return c.bottom; }).concat([TOP + 30]));
    var bandTop = hostBottom + 24;
    var height = bandTop + swarmNets.length * 34 + 10;
    var width = Math.max(10 + hosts.length * (W + GAP), 680);
    var svg = h('svg', { 'class': 'topology', viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img',
      'aria-label': 'Topology: ' + hosts.length + ' hosts, ' + networks.length + ' networks, ' + report.placed.length + ' containers' });
    columns.forEach(function (col) {
      var host = col.host;
      var role = host.role ? host.role + (host.leader ? ' (leader)' : '') : 'not in a swarm';
      svg.appendChild(h('rect', { 'class': 'hostbox', x: col.x, y: 6, width: W, height: hostBottom - 6, rx: 6, 'data-host': host.name }));
      svg.appendChild(h('text', { x: col.x + 10, y: 26, 'font-weight': 700, text: host.name + (host.address ? '  ' + host.address : '') }));
      svg.appendChild(h('text', { x: col.x + 10, y: 44, 'class': 'small', text: 'swarm: ' + role + ' \u00b7 ' + (host.nodeState || host.swarmState || 'state unknown')
        + (host.engine ? ' \u00b7 docker ' + host.engine.replace(/\+.*/, '') : '') }));
      col.items.forEach(function (item) {
        if (item.kind === 'net') {
          var net = item.net, subnet = (net.subnets || []).filter(function (s) { return s.host === host.name || net.scope === 'swarm'; })[0] || (net.subnets || [])[0];
          svg.appendChild(h('text', { x: col.x + 10, y: item.y + 13, 'class': 'netlabel', text: net.name + ' \u00b7 ' + (net.driver || '?') + ' \u00b7 '
            + (net.scope || '?') + (subnet ? ' \u00b7 ' + subnet.subnet : '') + (net.internal ? ' \u00b7 internal' : '') }));
          return;
        }
        var p = item.p, bw = W - 50;
        var addresses = p.networks.map(function (n) {
          var a = p.addresses && p.addresses[n];
          return (p.networks.length > 1 ? n + ' ' : '') + (a || (n === 'host' ? (host.address || 'host address') : n === 'none' ? 'no address' : '?'));
        }).join(', ');
        var g = h('g', { 'data-container': p.name });
        g.appendChild(h('title', { text: p.name + ' (' + p.role + ') on ' + host.name + ': ' + addresses }));
        g.appendChild(h('rect', { 'class': 'box', x: col.x + 12, y: item.y, width: bw, height: BOX, rx: 4, fill: color[item.net.name], stroke: '#555' }));
        g.appendChild(h('text', { x: col.x + 20, y: item.y + 14, 'font-size': 12, 'font-weight': 600, text: short(p.name) + (p.role !== 'agent' ? ' (' + p.role + ')' : '') }));
        g.appendChild(h('text', { x: col.x + 20, y: item.y + 27, 'class': 'small', text: addresses }));
        svg.appendChild(g);
        var band = swarmNets.indexOf(item.net);
        if (band >= 0) {
          var gx = col.x + W - 30 + band * 8, my = item.y + BOX / 2;
          svg.appendChild(h('polyline', { points: (col.x + 12 + bw) + ',' + my + ' ' + gx + ',' + my + ' ' + gx + ',' + (bandTop + band * 34 + 4),
            fill: 'none', stroke: '#3a5f8a', 'stroke-width': 1.5 }));
        }
      });
    });
    swarmNets.forEach(function (net, i) {
      var y = bandTop + i * 34;
      svg.appendChild(h('rect', { x: 10, y: y + 4, width: width - 20, height: 24, rx: 12, fill: color[net.name], stroke: '#3a5f8a', 'stroke-width': 1.5, 'data-network': net.name }));
      svg.appendChild(h('text', { x: 24, y: y + 21, 'class': 'netlabel', text: net.name + ' \u00b7 ' + net.driver + ' \u00b7 swarm scope, one network across '
        + (net.hosts || []).length + ' hosts' + ((net.subnets || [])[0] ? ' \u00b7 ' + net.subnets[0].subnet : '') + ' (VXLAN between the hosts)' }));
    });
    var table = h('table', { 'class': 'networks' }, h('caption', { 'class': 'muted', text: 'The lab\u2019s networks as the hosts\u2019 docker network inspect describe them' }),
      h('thead', {}, h('tr', {}, ['Network', 'Driver', 'Scope', 'Subnet', 'Gateway', 'On hosts'].map(function (t) { return h('th', { scope: 'col', text: t }); }))),
      h('tbody', {}, networks.map(function (n) {
        var subnets = n.subnets || [];
        return h('tr', {}, h('th', { scope: 'row', text: n.name }), h('td', { text: n.driver || '' }), h('td', { text: n.scope || '' }),
          h('td', { text: unique(subnets.map(function (s) { return s.subnet; })).join(', ') || '\u2014' }),
          h('td', { text: unique(subnets.map(function (s) { return s.gateway; })).filter(Boolean).join(', ') || '\u2014' }),
          h('td', { text: (n.hosts || []).join(', ') }));
      })));
    replace($('topology-body'), [h('div', { 'class': 'scroll' }, svg), table]);
  }

  function unique(list) {
    return list.filter(function (v, i) { return list.indexOf(v) === i; });
  }

  // ---- comparison ----

  function renderComparison(report) {
    var rows = report.summary.comparison;
    var drivers = {};
    (report.networks || []).forEach(function (n) { drivers[n.name] = n.driver; });
    var columns = rows.length ? Object.keys(rows[0]).filter(function (k) { return k !== 'network' && k.indexOf('median') !== 0; }) : [];
    var head = h('tr', {}, h('th', { scope: 'col', text: 'Network' }), h('th', { scope: 'col', text: 'Driver' }),
      columns.map(function (c) { return h('th', { scope: 'col', text: c }); }), h('th', { scope: 'col', text: 'median latency' }),
      h('th', { scope: 'col', text: 'throughput' }));
    var body = rows.map(function (row) {
      return h('tr', { 'data-network': row.network }, h('th', { scope: 'row', text: row.network }), h('td', { text: drivers[row.network] || '' }),
        columns.map(function (c) {
          var value = row[c], word = value.replace(' !', ''), surprised = value.indexOf('!') >= 0;
          return h('td', { 'data-column': c, 'data-value': value, 'class': surprised ? 'st-unexpected' : '' },
            (SEEN[word] ? SEEN[word] + ' ' : '') + word + (surprised ? ' \u2717 differs from the driver\u2019s promise' : ''));
        }),
        h('td', { 'class': 'num', 'data-column': 'median latency', text: row.medianLatencyMs === null || row.medianLatencyMs === undefined ? '\u2014' : ms(row.medianLatencyMs) }),
        h('td', { 'class': 'num', 'data-column': 'throughput', text: row.medianMbitPerSecond === null || row.medianMbitPerSecond === undefined
          ? '\u2014' : row.medianMbitPerSecond.toFixed(0) + ' Mbit/s' }));
    });
    replace($('comparison-body'), [
      h('table', { id: 'comparison-table' }, h('thead', {}, head), h('tbody', {}, body)),
      h('p', { 'class': 'muted', text: '\u25cf yes: answered \u00b7 \u25cb no: blocked or answered by another container \u00b7 \u25d0 mixed \u00b7 \u2014 no such cells in this lab'
        + ' (throughput needs the lab\u2019s throughput probe) \u00b7 latency: median round trip of the answered by-address probes.' })]);
  }

  // ---- matrices ----

  var PROBE_ORDER = ['icmp', 'tcp', 'udp', 'http', 'dns', 'latency', 'throughput', 'mtu'];

  /** One matrix per network, and per probe round where the lab has steps (round N follows step N). */
  function renderMatrices(report) {
    var groups = {}, order = [];
    var steps = {};
    (report.rounds || []).forEach(function (r) { steps[r.round] = r.title; });
    report.cells.forEach(function (c) {
      var key = (c.round || 0) + '\u0000' + c.network;
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push(c);
    });
    replace($('matrices-body'), order.map(function (key) {
      var round = +key.split('\u0000')[0], network = key.split('\u0000')[1];
      var title = round ? 'round ' + round + ', after \u201c' + steps[round] + '\u201d \u00b7 ' + network
        : ((report.rounds || []).length ? 'round 0, as deployed \u00b7 ' : '') + network;
      return matrix(network, groups[key], title, round);
    }));
  }

  function renderRounds(report) {
    var rounds = report.rounds || [];
    if (!rounds.length) { return null; }
    return h('table', { id: 'rounds' }, h('caption', { 'class': 'muted', text: 'Round 0 tries what the lab expects Docker to refuse; each step after it is followed by a probe round' }),
      h('thead', {}, h('tr', {}, ['Round', 'Step', 'Expected', 'Outcome', 'Verdict', 'Detail'].map(function (t) { return h('th', { scope: 'col', text: t }); }))),
      h('tbody', {}, rounds.map(function (r) {
        return h('tr', { 'data-round': r.round }, h('td', { 'class': 'num', text: r.round }), h('td', { text: r.title }), h('td', { text: r.expected }),
          h('td', { text: r.outcome }), h('td', {}, badge(STATES[r.verdict] ? r.verdict : 'error', r.verdict)), h('td', { text: r.detail }));
      })));
  }

  function matrix(network, cells, title, round) {
    var sources = [], targets = [], pairs = {};
    cells.forEach(function (c) {
      if (!sources.some(function (s) { return s.name === c.source; })) { sources.push({ name: c.source, host: c.sourceHost }); }
      if (!targets.some(function (t) { return t.name === c.target; })) { targets.push({ name: c.target, host: c.targetHost, route: c.route }); }
      (pairs[c.source + '\u0000' + c.target] = pairs[c.source + '\u0000' + c.target] || []).push(c);
    });
    var ownAgent = function (t) { return sources.some(function (s) { return s.name === t.name; }) ? 0 : 1; };
    sources.sort(function (a, b) { return a.host.localeCompare(b.host) || a.name.localeCompare(b.name); });
    targets.sort(function (a, b) { return ownAgent(a) - ownAgent(b) || a.route.localeCompare(b.route) || a.host.localeCompare(b.host) || a.name.localeCompare(b.name); });
    var groups = [];
    targets.forEach(function (t, i) {
      var key = t.host + (ownAgent(t) ? ' \u00b7 ' + t.route : '');
      if (groups.length && groups[groups.length - 1].key === key) { groups[groups.length - 1].span++; } else { groups.push({ key: key, span: 1, first: i }); }
    });
    var edges = groups.map(function (g) { return g.first; });
    var head1 = h('tr', {}, h('td', {}), groups.map(function (g) { return h('th', { scope: 'colgroup', colspan: g.span, 'class': 'host hostedge', text: g.key }); }));
    var head2 = h('tr', {}, h('th', { scope: 'col', text: 'source \u2193 target \u2192' }), targets.map(function (t, i) {
      return h('th', { scope: 'col', title: t.name + ' on ' + t.host, 'class': edges.indexOf(i) >= 0 ? 'hostedge' : null, text: short(t.name, network) });
    }));
    var rows = sources.map(function (s, r) {
      return h('tr', {}, h('th', { scope: 'row', 'class': 'src', title: s.name + ' on ' + s.host, text: short(s.name, network) + ' @' + s.host }),
        targets.map(function (t, col) {
          var mine = (pairs[s.name + '\u0000' + t.name] || []).slice().sort(function (a, b) {
            return PROBE_ORDER.indexOf(a.probe) - PROBE_ORDER.indexOf(b.probe) || a.route.localeCompare(b.route);
          });
          var cls = [s.host === t.host ? 'same' : 'other', edges.indexOf(col) >= 0 ? 'hostedge' : ''].join(' ');
          if (!mine.length) { return h('td', { 'class': cls, 'data-r': r, 'data-c': col }); }
          return h('td', { 'class': cls, 'data-r': r, 'data-c': col, 'data-pair': s.name + ' ' + t.name,
            title: (s.host === t.host ? 'same host (' + s.host + ')' : 'cross-host: ' + s.host + ' \u2192 ' + t.host) },
          h('span', { 'class': 'chips' }, mine.map(chip)), h('span', { 'class': 'pair-foot' }, pairFoot(mine, s.host === t.host)));
        }));
    });
    var table = h('table', { 'class': 'matrix', 'data-network': network, 'data-round': round || 0, onkeydown: arrows },
      h('caption', { 'class': 'muted', text: network + ': ' + cells.length + ' cells, ' + sources.length + ' sources, ' + targets.length + ' targets' }),
      h('thead', {}, head1, head2), h('tbody', {}, rows));
    return h('div', {}, h('h3', { text: title }), h('div', { 'class': 'scroll' }, table));
  }

  function pairFoot(cells, sameHost) {
    var timed = cells.filter(function (c) { return c.latencyMs !== undefined && c.outcome === 'ok' && c.route === 'by address'; });
    var pick = timed.filter(function (c) { return c.probe === 'icmp'; })[0] || timed[0];
    return (sameHost ? 'same host' : 'cross-host') + (pick ? ' \u00b7 ' + ms(pick.latencyMs) : '');
  }

  function routeTag(route) {
    return route === 'by address' ? '' : route === 'by name' ? '\u00b7name' : '\u00b7' + route.split(' ').pop();
  }

  function chipText(c) {
    return STATES[cellState(c)].sym + ' ' + c.probe + routeTag(c.route);
  }

  function chipLabel(c) {
    var s = cellState(c);
    return c.source + ' to ' + c.target + ', ' + c.probe + ' ' + c.route + ': ' + STATES[s].label
      + (c.latencyMs !== undefined ? ', ' + ms(c.latencyMs) : '') + (c.reason ? ' (' + c.reason + ')' : '');
  }

  function chip(c) {
    var s = cellState(c);
    return h('button', { type: 'button', 'class': 'chip st st-' + s, 'data-cell': c.id, 'data-state': s, 'data-verdict': c.verdict,
      title: chipLabel(c), 'aria-label': chipLabel(c), onclick: function () { openCell(c.id); } }, chipText(c));
  }

  function updateChip(c) {
    var el = document.querySelector('button[data-cell="' + CSS.escape(c.id) + '"]');
    if (!el) { return; }
    var s = cellState(c);
    el.className = 'chip st st-' + s;
    el.setAttribute('data-state', s);
    el.setAttribute('data-verdict', c.verdict);
    el.setAttribute('title', chipLabel(c));
    el.setAttribute('aria-label', chipLabel(c));
    el.textContent = chipText(c);
  }

  /** Arrow keys move between cells: left and right within a row, up and down to the same column. */
  function arrows(event) {
    var keys = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    var move = keys[event.key];
    var from = event.target;
    if (!move || !from.matches('button.chip')) { return; }
    var td = from.closest('td'), chips = Array.prototype.slice.call(td.querySelectorAll('button.chip')), at = chips.indexOf(from);
    var table = event.currentTarget, r = +td.getAttribute('data-r'), col = +td.getAttribute('data-c');
    var next = null;
    if (move[1] && chips[at + move[1]]) {
      next = chips[at + move[1]];
    } else {
      for (var step = 1; !next && step < 200; step++) {
        var cell = table.querySelector('td[data-r="' + (r + move[0] * step) + '"][data-c="' + (col + move[1] * step) + '"]');
        if (!cell) { break; }
        var found = cell.querySelectorAll('button.chip');
        next = found.length ? found[move[1] < 0 ? found.length - 1 : 0] : null;
      }
    }
    if (next) { next.focus(); event.preventDefault(); }
  }

  // ---- evidence ----

  function openCell(id) {
    var dialog = $('evidence');
    replace($('evidence-body'), h('p', { text: 'loading ' + id + ' \u2026' }));
    if (!dialog.open) { dialog.showModal(); }
    var load = embedded ? Promise.resolve(state.byId[id]) : api('/api/runs/' + encodeURIComponent(state.runId) + '/cell?id=' + encodeURIComponent(id));
    load.then(function (c) { renderCell(c); }).catch(function (e) { replace($('evidence-body'), h('p', { 'class': 'failure', text: e.message })); });
  }

  function renderCell(c) {
    var s = cellState(c);
    replace($('evidence-h'), c.source + ' \u2192 ' + c.target + ' \u00b7 ' + c.network + ' \u00b7 ' + c.probe + ' ' + c.route);
    var facts = [
      ['State', [badge(s), ' ' + STATES[s].label]],
      ['Expected', c.expected.outcome + ': ' + c.expected.reason + ' (from ' + c.expected.source + ')'],
      ['Observed', c.outcome ? c.outcome + (c.reason ? ' (' + c.reason + ')' : '') : 'not measured yet'],
      ['Answered by', c.answeredBy || '\u2014'],
      ['Evidence', c.evidence || '\u2014'],
      ['Dialled', c.dial + (c.port ? ':' + c.port : '')],
      ['Hosts', c.sourceHost + ' \u2192 ' + c.targetHost + (c.sameHost ? ' (same host)' : ' (cross-host)')],
      ['Latency', c.latencyMs !== undefined ? ms(c.latencyMs) : '\u2014']
    ];
    var hosts = unique([c.sourceHost, c.targetHost]);
    // Each host as it was for the cell's round: after its step (round N), else as the run found it (round 0, and older reports).
    var evidence = hosts.map(function (host) {
      var mine = (state.report.evidence || []).filter(function (e) { return e.host === host; });
      return mine.filter(function (e) { return (e.round || 0) === (c.round || 0); })[0] || mine.filter(function (e) { return !e.round; })[0];
    }).filter(Boolean);
    replace($('evidence-body'), [
      h('dl', { 'class': 'facts', id: 'cell-facts' }, facts.map(function (f) { return [h('dt', { text: f[0] }), h('dd', {}, f[1])]; })),
      h('h3', { text: 'Probe spec' }), h('pre', { id: 'cell-spec', text: JSON.stringify(c.spec || {}, null, 2) }),
      h('h3', { text: 'Raw result' }), h('pre', { id: 'cell-raw', text: c.raw ? JSON.stringify(c.raw, null, 2) : 'not measured yet' }),
      h('h3', { text: 'Timings' }), h('pre', { id: 'cell-timings', text: JSON.stringify(c.timings || {}, null, 2) }),
      evidence.map(function (e) { return hostEvidence(e, c.network); })]);
  }

  function hostEvidence(e, network) {
    var inspect = e.networks ? e.networks[network] : null;
    var members = {};
    (e.bridges || '').split('\n').forEach(function (line) {
      var m = /^\d+:\s+([^:@\s]+)[^]*\bmaster\s+(\S+)/.exec(line);
      if (m) { (members[m[2]] = members[m[2]] || []).push(m[1]); }
    });
    var lines = (e.natRules || '').split('\n').filter(function (l) { return /DOCKER|MASQUERADE|DNAT/.test(l); });
    return h('section', { 'class': 'host-evidence', 'data-host': e.host },
      h('h3', { text: 'On ' + e.host + (e.round ? ', as step ' + e.round + ' left it' : '') }),
      (e.problems || []).length ? h('p', { 'class': 'failure', text: e.problems.join('; ') }) : null,
      h('details', { open: 'open' }, h('summary', { text: 'docker network inspect ' + network }),
        h('pre', { 'class': 'inspect', text: inspect ? JSON.stringify(inspect, null, 2) : 'the network is not on ' + e.host + ' (a worker shows an overlay only while one of its containers uses it)' })),
      h('details', { open: 'open' }, h('summary', { text: 'Bridges and their veth members' }),
        h('ul', {}, Object.keys(members).map(function (b) { return h('li', { text: b + ': ' + members[b].join(', ') }); })),
        h('details', {}, h('summary', { text: 'ip -d link show type bridge; bridge link show' }), h('pre', { text: e.bridges || '' }))),
      h('details', { open: 'open' }, h('summary', { text: 'NAT rules Docker made (iptables -t nat -S)' }),
        h('pre', { 'class': 'nat', text: lines.join('\n') || '(none)' }),
        h('details', {}, h('summary', { text: 'every NAT rule' }), h('pre', { text: e.natRules || '' }))));
  }

  // ---- preflight ----

  function renderPreflight(report) {
    var order = { FAIL: 0, WARN: 1, PASS: 2 };
    var sym = { FAIL: '\u2717', WARN: '\u26a0', PASS: '\u2713' };
    var findings = (report.findings || []).slice().sort(function (a, b) { return (order[a.status] - order[b.status]) || a.check.localeCompare(b.check); });
    replace($('preflight-body'), findings.length ? h('table', { 'class': 'findings', id: 'findings' },
      h('thead', {}, h('tr', {}, ['Check', 'Host', 'Status', 'Evidence', 'Remedy'].map(function (t) { return h('th', { scope: 'col', text: t }); }))),
      h('tbody', {}, findings.map(function (f) {
        return h('tr', { 'data-status': f.status }, h('td', { text: f.check }), h('td', { text: f.host }),
          h('td', { 'class': f.status === 'FAIL' ? 'st-unexpected' : f.status === 'WARN' ? 'st-error' : 'st-matched', text: (sym[f.status] || '') + ' ' + f.status.toLowerCase() }),
          h('td', { text: f.evidence }), h('td', { text: f.remedy || '' }));
      }))) : h('p', { text: 'This run recorded no preflight findings.' }));
  }

  // ---- history and diff ----

  function renderHistory() {
    if (embedded) {
      replace($('history-body'), h('p', { text: 'This file holds one run. `swarmlab serve` shows every recorded run and the changes between two of them.' }));
      return;
    }
    var runs = state.runs.slice().reverse();
    var options = function (selected) {
      return runs.map(function (r) { return h('option', { value: r.id, selected: r.id === selected ? 'selected' : null, text: r.id + ' \u00b7 ' + r.lab + ' \u00b7 ' + r.status }); });
    };
    var before = h('select', { id: 'diff-before', 'aria-label': 'The earlier run' }, options(runs[1] ? runs[1].id : null));
    var after = h('select', { id: 'diff-after', 'aria-label': 'The later run' }, options(state.runId));
    replace($('history-body'), [
      h('table', { id: 'runs' }, h('thead', {}, h('tr', {}, ['Run', 'Lab', 'Started', 'Status', 'Cells'].concat(stateTable(state.report).map(function (st) {
        return st.label;
      })).map(function (t) {
        return h('th', { scope: 'col', text: t });
      }))), h('tbody', {}, runs.map(function (r) {
        return h('tr', { 'data-run': r.id }, h('td', {}, h('a', { href: '#run=' + r.id, text: r.id })), h('td', { text: r.lab }), h('td', { text: r.started }),
          h('td', { text: r.status }), h('td', { 'class': 'num', text: r.counts.cells }), stateTable(state.report).map(function (st) {
            return h('td', { 'class': 'num', text: r.counts[field(st.key)] || 0 });
          }));
      }))),
      h('p', {}, h('label', { 'for': 'diff-before', text: 'What changed from ' }), before, h('label', { 'for': 'diff-after', text: ' to ' }), after, ' ',
        h('button', { type: 'button', id: 'diff-show', onclick: function () { showDiff(before.value, after.value); } }, 'Show the changes'))]);
  }

  function showDiff(before, after) {
    replace($('diff-body'), h('p', { text: 'comparing \u2026' }));
    api('/api/runs/' + encodeURIComponent(before) + '/diff/' + encodeURIComponent(after)).then(function (diff) {
      var brief = function (c) { return (c.verdict || '') + (c.outcome ? ' / ' + c.outcome : '') + (c.reason ? ' (' + c.reason + ')' : ''); };
      var rows = diff.changed.map(function (c) {
        return h('tr', { 'data-cell': c.id }, h('td', { text: 'changed' }), h('td', { text: c.id }),
          h('td', { 'class': 'diff-before', text: brief(c.before) }), h('td', { 'class': 'diff-after', text: brief(c.after) }));
      }).concat(diff.added.map(function (c) {
        return h('tr', { 'data-cell': c.id }, h('td', { text: 'only in ' + after }), h('td', { text: c.id }), h('td', { text: '\u2014' }), h('td', { text: brief(c) }));
      })).concat(diff.removed.map(function (c) {
        return h('tr', { 'data-cell': c.id }, h('td', { text: 'only in ' + before }), h('td', { text: c.id }), h('td', { text: brief(c) }), h('td', { text: '\u2014' }));
      }));
      replace($('diff-body'), [
        h('p', { id: 'diff-counts', text: diff.changed.length + ' changed, ' + diff.added.length + ' only in ' + after + ', ' + diff.removed.length + ' only in ' + before
          + (rows.length ? '' : ': the two runs came out the same') }),
        rows.length ? h('table', { id: 'diff' }, h('thead', {}, h('tr', {}, ['Change', 'Cell', before, after].map(function (t) { return h('th', { scope: 'col', text: t }); }))),
          h('tbody', {}, rows)) : null]);
    }).catch(function (e) { replace($('diff-body'), h('p', { 'class': 'failure', text: e.message + (e.remedy ? ' \u2014 ' + e.remedy : '') })); });
  }

  // ---- loading, live runs ----

  function render(report) {
    state.report = report;
    state.byId = {};
    report.cells.forEach(function (c) { state.byId[c.id] = c; });
    renderSummary(report);
    renderTopology(report);
    renderComparison(report);
    renderMatrices(report);
    renderPreflight(report);
    renderHistory();
    renderRunSelect();
    $('start-run').hidden = embedded || !state.labs.some(function (l) { return l.name === report.run.lab; });
  }

  function renderRunSelect() {
    var select = $('run-select');
    var runs = embedded ? [embedded.run] : state.runs.slice().reverse();
    if (state.runId && !runs.some(function (r) { return r.id === state.runId; })) { runs.unshift({ id: state.runId, lab: state.report ? state.report.run.lab : '', status: 'starting' }); }
    replace(select, runs.map(function (r) {
      return h('option', { value: r.id, selected: r.id === state.runId ? 'selected' : null, text: r.id + ' \u00b7 ' + r.lab + ' \u00b7 ' + r.status });
    }));
  }

  function progress(done, total, text) {
    $('live').hidden = false;
    var bar = $('progress');
    bar.max = Math.max(total, 1);
    bar.value = done;
    bar.setAttribute('data-done', done);
    bar.setAttribute('data-total', total);
    replace($('progress-text'), text || (done + ' / ' + total + ' cells measured'));
  }

  function follow(runId) {
    if (state.events) { state.events.close(); }
    replace($('steps'), null);
    progress(0, 1, 'starting run ' + runId + ' \u2026');
    var source = new EventSource('/api/runs/' + encodeURIComponent(runId) + '/events');
    state.events = source;
    var loading = null;
    source.addEventListener('step', function (e) {
      var step = JSON.parse(e.data);
      var list = $('steps');
      list.appendChild(h('li', { text: (step.host && step.host !== '-' ? step.host + ': ' : '') + step.message }));
      list.scrollTop = list.scrollHeight;
    });
    source.addEventListener('progress', function (e) {
      var p = JSON.parse(e.data);
      progress(p.done, p.total, p.done + ' / ' + p.total + ' cells measured \u00b7 ' + p.status);
      if (!state.report || state.report.run.id !== runId) {
        loading = loading || api('/api/runs/' + encodeURIComponent(runId)).then(render).catch(showFailure);
      }
    });
    source.addEventListener('cell', function (e) {
      var c = JSON.parse(e.data);
      var apply = function () {
        if (state.byId[c.id]) { Object.assign(state.byId[c.id], c); } else { state.byId[c.id] = c; }
        updateChip(state.byId[c.id]);
      };
      if (loading && (!state.report || state.report.run.id !== runId)) { loading.then(apply); } else { apply(); }
    });
    source.addEventListener('end', function (e) {
      source.close();
      state.events = null;
      var status = JSON.parse(e.data).status;
      replace($('status'), 'run ' + runId + ' ' + status);
      Promise.resolve(loading).then(reload).then(function () {
        var bar = $('progress');
        progress(+bar.getAttribute('data-total'), +bar.getAttribute('data-total'), 'run ' + runId + ' is over: ' + status);
        $('live').setAttribute('data-over', status);
      });
    });
    source.addEventListener('failed', function (e) {
      source.close();
      state.events = null;
      var f = JSON.parse(e.data);
      showFailure({ message: 'run ' + runId + ' failed: ' + f.error, remedy: f.remedy });
      $('live').setAttribute('data-over', 'failed');
      reload();
    });
  }

  function reload() {
    return api('/api/runs').then(function (runs) {
      state.runs = runs;
      return state.runId ? api('/api/runs/' + encodeURIComponent(state.runId)).then(render) : null;
    }).catch(function (e) { if (e.status !== 404) { showFailure(e); } });
  }

  function open(runId) {
    state.runId = runId;
    showFailure(null);
    return api('/api/runs/' + encodeURIComponent(runId)).then(function (report) {
      render(report);
      if (report.run.status === 'running') { follow(runId); } else { $('live').hidden = true; }
    }).catch(showFailure);
  }

  function startRun() {
    var lab = state.report.run.lab;
    $('start-run').disabled = true;
    api('/api/labs/' + encodeURIComponent(lab) + '/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      .then(function (started) {
        state.runId = started.run;
        history.replaceState(null, '', '#run=' + started.run);
        replace($('status'), 'started run ' + started.run + ' of lab ' + lab);
        renderRunSelect();
        follow(started.run);
      }).catch(showFailure).then(function () { $('start-run').disabled = false; });
  }

  function wanted() {
    var m = /run=([^&]+)/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function start() {
    $('evidence-close').addEventListener('click', function () { $('evidence').close(); });
    $('start-run').addEventListener('click', startRun);
    $('run-select').addEventListener('change', function (e) { location.hash = 'run=' + e.target.value; });
    if (embedded) {
      state.runId = embedded.run.id;
      render(embedded);
      return;
    }
    window.addEventListener('hashchange', function () { var id = wanted(); if (id && id !== state.runId) { open(id); } });
    Promise.all([api('/api/runs'), api('/api/labs').catch(function () { return []; })]).then(function (got) {
      state.runs = got[0];
      state.labs = got[1];
      var id = wanted() || (state.runs.length ? state.runs[state.runs.length - 1].id : null);
      if (!id) {
        replace($('summary-body'), h('p', { text: 'No runs are recorded yet: run a lab (swarmlab run labs/drivers.yaml) and reload.' }));
        return null;
      }
      return open(id);
    }).catch(showFailure);
  }

  start();
}());
