/* swarmlab's page: one run's topology, matrices, driver comparison, preflight and evidence; run history and
 * diffs; a live view of a running run. Served by `swarmlab serve` (data from /api), or exported by
 * `swarmlab report RUN --html FILE` with the run inlined as window.SWARMLAB_REPORT (no server, no history).
 * The entry of the bundle that `npm run build` makes (target/classes/swarmlab/web/app.js). */
import { api, follow, paths, startRun } from './api.mjs';
import { $ } from './dom.mjs';
import { runFromHash } from './format.mjs';
import { canRunAgain, indexCells, mergeCell, progressText, runChoices } from './model/run.mjs';
import { renderComparison } from './views/comparison.mjs';
import { openCell } from './views/evidence.mjs';
import { renderHistory, renderOneRun, showDiff } from './views/history.mjs';
import {
  addStep, clearSteps, hideLive, overWith, progress, progressOver, renderRunSelect, showFailure, showStatus
} from './views/live.mjs';
import { renderMatrices, updateChip } from './views/matrices.mjs';
import { renderPreflight } from './views/preflight.mjs';
import { renderNoRuns, renderSummary } from './views/summary.mjs';
import { renderTopology } from './views/topology.mjs';

/**
 * What the page holds: the exported run (or null: served), the report shown and its cells by id, the recorded runs and
 * the server's labs, the run asked for, and the event stream of the live run it follows.
 */
const newPage = (embedded) => ({ embedded, report: null, byId: new Map(), runs: [], labs: [], runId: null, events: null });

/** A cell of the shown run: from the exported report, or asked of the server. */
const loadCell = (page, id) => (page.embedded ? Promise.resolve(page.byId.get(id)) : api(paths.cell(page.runId, id)));

function selectRuns(page) {
  renderRunSelect(page.embedded ? [page.embedded.run] : runChoices(page.runs, page.runId, page.report ? page.report.run.lab : ''), page.runId);
}

function render(page, report) {
  page.report = report;
  page.byId = indexCells(report.cells);
  renderSummary(report);
  renderTopology(report);
  renderComparison(report);
  renderMatrices(report, (id) => openCell(id, (cell) => loadCell(page, cell), report));
  renderPreflight(report);
  if (page.embedded) {
    renderOneRun();
  } else {
    renderHistory(page.runs, page.runId, report, (before, after) => showDiff(before, after, api(paths.diff(before, after))));
  }
  selectRuns(page);
  $('start-run').hidden = Boolean(page.embedded) || !canRunAgain(page.labs, report.run.lab);
}

/** The recorded runs again, and the run asked for (a run that is gone is no failure of the page's). */
async function reload(page) {
  try {
    page.runs = await api(paths.runs());
    if (page.runId) { render(page, await api(paths.run(page.runId))); }
  } catch (e) {
    if (e.status !== 404) { showFailure(e); }
  }
}

/** Follows a running run: its steps, its progress, each cell as it is measured, and its end. */
function followRun(page, runId) {
  if (page.events) { page.events.close(); }
  clearSteps();
  progress(0, 1, 'starting run ' + runId + ' \u2026');
  let loading = null;
  const shown = () => page.report && page.report.run.id === runId;
  const stream = follow(runId, {
    step: addStep,
    progress: (p) => {
      progress(p.done, p.total, progressText(p));
      if (!shown()) { loading = loading || api(paths.run(runId)).then((report) => render(page, report)).catch(showFailure); }
    },
    cell: (c) => {
      const apply = () => updateChip(mergeCell(page.byId, c));
      if (loading && !shown()) { loading.then(apply); } else { apply(); }
    },
    end: ({ status }) => {
      if (page.events === stream) { page.events = null; }
      showStatus('run ' + runId + ' ' + status);
      Promise.resolve(loading).then(() => reload(page)).then(() => progressOver('run ' + runId + ' is over: ' + status, status));
    },
    failed: (f) => {
      if (page.events === stream) { page.events = null; }
      showFailure({ message: 'run ' + runId + ' failed: ' + f.error, remedy: f.remedy });
      overWith('failed');
      reload(page);
    }
  });
  page.events = stream;
}

/** Shows the run; an answer that comes after another run was asked for is let go (the page shows the one asked for last). */
function open(page, runId) {
  page.runId = runId;
  showFailure(null);
  return api(paths.run(runId)).then((report) => {
    if (page.runId !== runId) { return; }
    render(page, report);
    if (report.run.status === 'running') { followRun(page, runId); } else { hideLive(); }
  }).catch((e) => { if (page.runId === runId) { showFailure(e); } });
}

/** Runs the shown run's lab again, and follows the new run. */
function runAgain(page) {
  const lab = page.report.run.lab;
  const button = $('start-run');
  button.disabled = true;
  startRun(lab).then((started) => {
    page.runId = started.run;
    history.replaceState(null, '', '#run=' + started.run);
    showStatus('started run ' + started.run + ' of lab ' + lab);
    selectRuns(page);
    followRun(page, started.run);
  }).catch(showFailure).then(() => { button.disabled = false; });
}

function start(page) {
  $('evidence-close').addEventListener('click', () => $('evidence').close());
  $('start-run').addEventListener('click', () => runAgain(page));
  $('run-select').addEventListener('change', (e) => { location.hash = 'run=' + e.target.value; });
  if (page.embedded) {
    page.runId = page.embedded.run.id;
    render(page, page.embedded);
    return;
  }
  window.addEventListener('hashchange', () => {
    const id = runFromHash(location.hash);
    if (id && id !== page.runId) { open(page, id); }
  });
  Promise.all([api(paths.runs()), api(paths.labs()).catch(() => [])]).then(([runs, labs]) => {
    page.runs = runs;
    page.labs = labs;
    const id = runFromHash(location.hash) || (runs.length ? runs[runs.length - 1].id : null);
    if (!id) {
      renderNoRuns();
      return null;
    }
    return open(page, id);
  }).catch(showFailure);
}

start(newPage(window.SWARMLAB_REPORT || null));
