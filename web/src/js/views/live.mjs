/* The header's live part: the run list, the progress bar and the steps of a running run, the status and failures. */
import { $, h, replace, runOption } from '../dom.mjs';
import { stepText } from '../model/run.mjs';

/** The run list, the given run selected. */
export function renderRunSelect(choices, runId) {
  replace($('run-select'), choices.map((r) => runOption(r, runId)));
}

/** The progress bar: done of total, and what to say of it. */
export function progress(done, total, text) {
  $('live').hidden = false;
  const bar = $('progress');
  bar.max = Math.max(total, 1);
  bar.value = done;
  bar.setAttribute('data-done', done);
  bar.setAttribute('data-total', total);
  replace($('progress-text'), text || done + ' / ' + total + ' cells measured');
}

/** The bar filled to its end, with what to say of the run's end. */
export function progressOver(text, over) {
  const total = +$('progress').getAttribute('data-total');
  progress(total, total, text);
  overWith(over);
}

/** Marks the live part with how the run ended. */
export const overWith = (over) => $('live').setAttribute('data-over', over);

export const hideLive = () => { $('live').hidden = true; };

/** A live run's steps start anew. */
export const clearSteps = () => replace($('steps'), null);

/** A deploy step of a live run, added to its list and scrolled to. */
export function addStep(step) {
  const list = $('steps');
  list.appendChild(h('li', { text: stepText(step) }));
  list.scrollTop = list.scrollHeight;
}

export const showStatus = (text) => replace($('status'), text);

/** The failure line: an error's message and remedy, hidden where there is none. */
export function showFailure(error) {
  const el = $('failure');
  el.hidden = !error;
  replace(el, error ? [error.message || String(error), error.remedy ? h('br') : null, error.remedy ? 'Remedy: ' + error.remedy : null] : null);
}
