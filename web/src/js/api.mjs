/* The page's server: its REST API and a run's event stream (docs/api.md). */

const part = encodeURIComponent;

/** The API's addresses the page asks. */
export const paths = {
  runs: () => '/api/runs',
  labs: () => '/api/labs',
  run: (run) => '/api/runs/' + part(run),
  cell: (run, cell) => '/api/runs/' + part(run) + '/cell?id=' + part(cell),
  diff: (before, after) => '/api/runs/' + part(before) + '/diff/' + part(after),
  events: (run) => '/api/runs/' + part(run) + '/events',
  start: (lab) => '/api/labs/' + part(lab) + '/runs'
};

/**
 * Asks the server (through fetchImpl, the browser's fetch by default) and answers with the JSON body; an answer that is not
 * ok fails with the server's error as message, and its remedy and HTTP status alongside.
 */
export async function api(path, options, fetchImpl = fetch) {
  const response = await fetchImpl(path, options || {});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const e = new Error(body.error || 'HTTP ' + response.status);
    e.remedy = body.remedy;
    e.status = response.status;
    throw e;
  }
  return body;
}

/** Starts a run of the lab; answers with {run: ID}. */
export const startRun = (lab, fetchImpl = fetch) =>
  api(paths.start(lab), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }, fetchImpl);

/** What a run's event stream sends: each event's data is JSON. */
export const EVENTS = ['step', 'progress', 'cell', 'end', 'failed'];

/**
 * Follows a run's event stream: each handler of `on` (step, progress, cell, end, failed) gets its event's data, parsed.
 * The stream is closed before the handler of end or failed runs, as those are the last. Answers with the stream, to close it.
 */
export function follow(run, on, EventSourceImpl = EventSource) {
  const source = new EventSourceImpl(paths.events(run));
  EVENTS.forEach((name) => source.addEventListener(name, (e) => {
    if (name === 'end' || name === 'failed') { source.close(); }
    if (on[name]) { on[name](JSON.parse(e.data)); }
  }));
  return source;
}
