/* Numbers and names as the page writes them. */

/** The dash that stands for nothing. */
export const NONE = '\u2014';

/** Milliseconds with as many decimals as their size needs: 0.123 ms, 12.34 ms, 345 ms; '' for no value. */
export function ms(value) {
  if (value === undefined || value === null) { return ''; }
  return (value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(0)) + ' ms';
}

/** A value written by the function, or the dash where there is none (null or undefined). */
export const orNone = (value, write) => (value === null || value === undefined ? NONE : write(value));

/** The list without repeats, in first-seen order. */
export const unique = (list) => list.filter((v, i) => list.indexOf(v) === i);

/** An agent's name without the lab's and the network's prefix: drivers-lab-overlay-h1-a of lab drivers on lab-overlay is h1-a. */
export function shortName(name, lab, network) {
  const s = lab && name.startsWith(lab + '-') ? name.slice(lab.length + 1) : name;
  return network && s.startsWith(network + '-') ? s.slice(network.length + 1) : s;
}

/** A run as the run lists show it: id, lab and status. */
export const runLabel = (run) => run.id + ' \u00b7 ' + run.lab + ' \u00b7 ' + run.status;

/** The run a page address asks for (#run=ID), or null. */
export function runFromHash(hash) {
  const m = /run=([^&]+)/.exec(hash || '');
  return m ? decodeURIComponent(m[1]) : null;
}
