/* A cell's evidence: its facts, and each of its hosts as they were for its round (networks, bridges, NAT rules). */
import { NONE, ms, unique } from '../format.mjs';

/** The dialog's title: source to target, network, probe and route. */
export const cellTitle = (c) => c.source + ' \u2192 ' + c.target + ' \u00b7 ' + c.network + ' \u00b7 ' + c.probe + ' ' + c.route;

/** A cell's facts after its state, as [name, text]: what was expected and why, what was observed, who answered, where. */
export const cellFacts = (c) => [
  ['Expected', c.expected.outcome + ': ' + c.expected.reason + ' (from ' + c.expected.source + ')'],
  ['Observed', c.outcome ? c.outcome + (c.reason ? ' (' + c.reason + ')' : '') : 'not measured yet'],
  ['Answered by', c.answeredBy || NONE],
  ['Evidence', c.evidence || NONE],
  ['Dialled', c.dial + (c.port ? ':' + c.port : '')],
  ['Hosts', c.sourceHost + ' \u2192 ' + c.targetHost + (c.sameHost ? ' (same host)' : ' (cross-host)')],
  ['Latency', c.latencyMs !== undefined ? ms(c.latencyMs) : NONE]
];

/** A cell's JSON parts as shown: its probe spec, raw result and timings. */
export const cellJson = (c) => ({
  spec: JSON.stringify(c.spec || {}, null, 2),
  raw: c.raw ? JSON.stringify(c.raw, null, 2) : 'not measured yet',
  timings: JSON.stringify(c.timings || {}, null, 2)
});

/**
 * The evidence of a cell's hosts (source, then target, once where they are one): each as it was for the cell's round,
 * after its step (round N), else as the run found it (round 0, and older reports that have no rounds).
 */
export function cellEvidence(c, evidence) {
  return unique([c.sourceHost, c.targetHost]).map((host) => {
    const mine = (evidence || []).filter((e) => e.host === host);
    return mine.find((e) => (e.round || 0) === (c.round || 0)) || mine.find((e) => !e.round);
  }).filter(Boolean);
}

/** The bridges' veth members from `ip -d link show type bridge; bridge link show`: {bridge: [member, ...]}. */
export function bridgeMembers(bridges) {
  const members = {};
  (bridges || '').split('\n').forEach((line) => {
    const m = /^\d+:\s+([^:@\s]+)[\s\S]*\bmaster\s+(\S+)/.exec(line);
    if (m) { (members[m[2]] = members[m[2]] || []).push(m[1]); }
  });
  return members;
}

/**
 * The NAT rules Docker made: those of `iptables -t nat -S` that name DOCKER, MASQUERADE or DNAT, and the drops of the raw table's
 * PREROUTING (Docker 28.0 on: what is routed to a container from elsewhere).
 */
export const dockerNat = (natRules) => (natRules || '').split('\n').filter((l) => /DOCKER|MASQUERADE|DNAT|-j DROP/.test(l));

/** A host's evidence heading: the host, and the step that left it so. */
export const evidenceHeading = (e) => 'On ' + e.host + (e.round ? ', as step ' + e.round + ' left it' : '');

/** The host's `docker network inspect` of the network, or why it has none. */
export function inspectText(e, network) {
  const inspect = e.networks ? e.networks[network] : null;
  return inspect ? JSON.stringify(inspect, null, 2)
    : 'the network is not on ' + e.host + ' (a worker shows an overlay only while one of its containers uses it)';
}
