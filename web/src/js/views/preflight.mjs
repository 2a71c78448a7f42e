/* The preflight section: each check's finding on each host, failures first. */
import { $, h, replace, table, td } from '../dom.mjs';
import { findingStatus, sortFindings } from '../model/preflight.mjs';

const COLUMNS = ['Check', 'Host', 'Status', 'Evidence', 'Remedy'];

export function renderPreflight(report) {
  const findings = sortFindings(report.findings);
  replace($('preflight-body'), findings.length
    ? table({ class: 'findings', id: 'findings' }, null, COLUMNS, findings.map((f) => {
      const status = findingStatus(f);
      return h('tr', { 'data-status': f.status }, td(f.check), td(f.host), td(status.text, { class: status.class }), td(f.evidence), td(f.remedy || ''));
    }))
    : h('p', { text: 'This run recorded no preflight findings.' }));
}
