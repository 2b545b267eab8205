// A step's attempts and people's candidates as cards, and the accepted diff of a completed session's step.

import { text } from './api.js';
import { diff, duration, el, fill, statusBadge } from './dom.js';

const PHASES = [
  ['queueWaitMs', 'queue'], ['modelMs', 'model'], ['executeMs', 'execute'], ['verifyWaitMs', 'verify wait'],
  ['verifyMs', 'verify'],
];

export function attemptCard(a) {
  const usage = a.usage ?? {};
  return el('article', { class: `card attempt attempt-${String(a.status).toLowerCase()}` },
    el('h4', {}, `Attempt ${a.attempt} `, statusBadge(a.status)),
    el('dl', { class: 'facts small' },
      pair('Executor', a.executor), pair('Model', a.model), pair('Verifier', a.verifier),
      pair('Tokens', `${usage.tokensIn ?? 0} in, ${usage.tokensOut ?? 0} out`),
      usage.tokensPerSecond ? pair('Tokens/s', Math.round(usage.tokensPerSecond)) : null,
      a.patch ? pair('Patch', `+${a.patch.linesAdded} −${a.patch.linesRemoved} in ${a.patch.files.length} files`)
        : null),
    a.timings ? waterfall(a.timings) : null,
    a.reason ? el('p', { class: 'reason' }, a.stage ? `${a.stage}: ` : '', a.reason) : null,
    (a.checks ?? []).map(check));
}

export function candidateCard(c) {
  return el('article', { class: `card candidate candidate-${String(c.status).toLowerCase()}` },
    el('h4', {}, `Candidate ${c.variant} by ${c.author} `, statusBadge(c.status)),
    el('dl', { class: 'facts small' },
      pair('Attempt', c.attempt),
      c.stats ? pair('Patch', `+${c.stats.linesAdded} −${c.stats.linesRemoved} in ${c.stats.files.length} files`)
        : null),
    c.reason ? el('p', { class: 'reason' }, c.stage ? `${c.stage}: ` : '', c.reason) : null);
}

function pair(name, value) {
  return value === null || value === undefined ? null : el('div', {}, el('dt', {}, name), el('dd', {}, value));
}

/** Queue, model, execute, verify wait and verify as bars on one line, widths in proportion to their times. */
function waterfall(t) {
  const total = Math.max(1, PHASES.reduce((sum, [key]) => sum + (t[key] ?? 0), 0));
  const label = PHASES.map(([key, name]) => `${name} ${duration(t[key] ?? 0)}`).join(', ');
  return el('div', { class: 'waterfall-wrap' },
    el('div', { class: 'waterfall', role: 'img', 'aria-label': label },
      PHASES.map(([key, name]) => {
        const bar = el('span', { class: `phase phase-${name.replace(' ', '-')}`, title: label });
        bar.style.width = `${((t[key] ?? 0) * 100 / total).toFixed(1)}%`;   // CSSOM: allowed by the CSP
        return bar;
      })),
    el('p', { class: 'hint' }, `${label}; total ${duration(t.totalMs)}`));
}

function check(c) {
  const verdict = c.skipped ? 'SKIPPED' : c.passed ? 'PASSED' : c.timedOut ? 'TIMED OUT' : 'FAILED';
  return el('details', { class: `check check-${verdict.toLowerCase().replace(' ', '-')}` },
    el('summary', {}, statusBadge(verdict), ` ${c.name} (exit ${c.exitCode}, ${duration(c.durationMs)}`,
      c.cached ? ', cached' : '', c.isolation ? `, ${c.isolation}` : '', ')'),
    el('pre', { class: 'output' }, c.outputTail ?? ''));
}

/** The step's commit on the result branch, fetched once and kept in `cache`. */
export function stepDiff(stepId, cache, base) {
  const holder = el('div', { class: 'accepted-diff', dataset: { step: stepId } },
    el('h4', {}, 'Accepted diff'));
  const body = el('div', {}, 'loading ...');
  holder.append(body);
  const show = patch => fill(body, diff(patch));
  if (cache.has(stepId)) {
    show(cache.get(stepId));
  } else {
    text(`${base}/patch?step=${encodeURIComponent(stepId)}`, 'application/mbox')
      .then(patch => {
        cache.set(stepId, patch);
        show(patch);
      })
      .catch(e => fill(body, el('p', { class: 'field-error' }, e.message)));
  }
  return holder;
}
