/* A run as the page holds it: its cells by id, what a live run's events change, the run list. */
import { newestFirst } from './history.mjs';

/** The report's cells by id. */
export const indexCells = (cells) => new Map(cells.map((c) => [c.id, c]));

/** A cell a live run sent, merged into the one the page holds (or added); answers with the cell as held now. */
export function mergeCell(byId, cell) {
  if (byId.has(cell.id)) { Object.assign(byId.get(cell.id), cell); } else { byId.set(cell.id, cell); }
  return byId.get(cell.id);
}

/** A deploy step as the live list shows it: its host (where it has one) and message. */
export const stepText = (step) => (step.host && step.host !== '-' ? step.host + ': ' : '') + step.message;

/** A live run's progress in words. */
export const progressText = (p) => p.done + ' / ' + p.total + ' cells measured \u00b7 ' + p.status;

/** The run list's runs, newest first, with the one shown as starting where the list does not have it yet. */
export function runChoices(runs, runId, lab) {
  const choices = newestFirst(runs);
  if (runId && !choices.some((r) => r.id === runId)) { choices.unshift({ id: runId, lab, status: 'starting' }); }
  return choices;
}

/** Whether the server has the run's lab, so that it can run it again. */
export const canRunAgain = (labs, lab) => labs.some((l) => l.name === lab);
