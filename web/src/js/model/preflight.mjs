/* Preflight: what the checks found on each host, failures first. */

const ORDER = { FAIL: 0, WARN: 1, PASS: 2 };
const SYMBOLS = { FAIL: '\u2717', WARN: '\u26a0', PASS: '\u2713' };
const CLASSES = { FAIL: 'st-unexpected', WARN: 'st-error' };

/** The findings, failures first, then warnings, then passes; by check within each. */
export const sortFindings = (findings) =>
  (findings || []).slice().sort((a, b) => (ORDER[a.status] - ORDER[b.status]) || a.check.localeCompare(b.check));

/** A finding's status as shown: its class (the cell states' colours) and its symbol and word. */
export const findingStatus = (f) => ({ class: CLASSES[f.status] || 'st-matched', text: (SYMBOLS[f.status] || '') + ' ' + f.status.toLowerCase() });
