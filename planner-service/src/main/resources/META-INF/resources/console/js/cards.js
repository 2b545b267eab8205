// A step's attempts, their variants and people's candidates as cards, the diff of the candidate picked on a card
// (as soon as it was verified), and the accepted diff of a completed session's step.

import { text } from './api.js';
import { duration, el, fill, statusBadge } from './dom.js';
import { diffView } from './diffview.js';

const PHASES = [
  ['queueWaitMs', 'queue'], ['modelMs', 'model'], ['executeMs', 'execute'], ['verifyWaitMs', 'verify wait'],
  ['verifyMs', 'verify'],
];

/**
 * An attempt's card; an attempt fanned out to several variants also gets one card per variant, side by side, the
 * winner first and marked with why it won, each loser with why it lost, and a card for each variant still running.
 * `pick(attempt, variant)` shows a candidate's diff.
 */
export function attemptCard(a, pick) {
  const usage = a.usage ?? {};
  const card = el('article', { class: `card attempt attempt-${String(a.status).toLowerCase()}` },
    el('h4', {}, `Attempt ${a.attempt} `, statusBadge(a.status), a.fanOut ? ` best of ${a.fanOut}` : ''),
    el('dl', { class: 'facts small' },
      pair('Executor', a.executor), pair('Model', a.model), pair('Verifier', a.verifier),
      pair('Tokens', `${usage.tokensIn ?? 0} in, ${usage.tokensOut ?? 0} out`),
      usage.tokensPerSecond ? pair('Tokens/s', Math.round(usage.tokensPerSecond)) : null,
      a.patch ? pair('Patch', size(a.patch)) : null),
    a.timings ? waterfall(a.timings) : null,
    a.reason ? el('p', { class: 'reason' }, a.stage ? `${a.stage}: ` : '', a.reason) : null,
    !a.fanOut && a.status === 'VERIFIED' ? diffButton(() => pick(a.attempt, 0), `attempt ${a.attempt}`) : null,
    a.fanOut ? null : (a.checks ?? []).map(check));
  if (!a.fanOut) {
    return card;
  }
  const answered = a.variants ?? [];
  const ordered = [...answered].sort((x, y) => Number(y.chosen) - Number(x.chosen) || x.variant - y.variant);
  const running = a.status === 'REQUESTED' ? [...Array(a.fanOut).keys()]
    .filter(k => !answered.some(v => v.variant === k)) : [];
  return el('section', { class: 'variants', dataset: { attempt: a.attempt },
    'aria-label': `Attempt ${a.attempt}, ${a.fanOut} variants` },
  card,
  el('div', { class: 'variant-row' }, ordered.map(v => variantCard(a.attempt, v, pick)),
    running.map(k => el('article', { class: 'card variant variant-running', dataset: { variant: k } },
      el('h5', {}, `Variant ${k} `, statusBadge('RUNNING')), el('p', { class: 'hint' }, 'no verdict yet')))));
}

function variantCard(attempt, v, pick) {
  const usage = v.usage ?? {};
  return el('article', { class: `card variant variant-${String(v.status).toLowerCase()}${v.chosen ? ' winner' : ''}`,
    dataset: { variant: v.variant } },
  el('h5', {}, `Variant ${v.variant} `, statusBadge(v.status),
    v.chosen ? el('span', { class: 'winner-mark' }, ' ★ winner') : null),
  v.note ? el('p', { class: v.chosen ? 'why why-won' : 'why' }, v.note) : null,
  el('dl', { class: 'facts small' },
    pair('Executor', v.executor), pair('Model', v.model),
    pair('Tokens', `${usage.tokensIn ?? 0} in, ${usage.tokensOut ?? 0} out`),
    usage.tokensPerSecond ? pair('Tokens/s', Math.round(usage.tokensPerSecond)) : null,
    v.patch ? pair('Size', size(v.patch)) : null),
  v.timings ? waterfall(v.timings) : null,
  v.reason ? el('p', { class: 'reason' }, v.stage ? `${v.stage}: ` : '', v.reason) : null,
  v.status === 'VERIFIED' || v.diff ? diffButton(() => pick(attempt, v.variant),
    `${v.status === 'REJECTED' ? 'rejected ' : ''}variant ${v.variant}`) : null,
  (v.checks ?? []).map(check));
}

export function candidateCard(c, pick) {
  return el('article', { class: `card candidate candidate-${String(c.status).toLowerCase()}` },
    el('h4', {}, `Candidate ${c.variant} by ${c.author} `, statusBadge(c.status)),
    el('dl', { class: 'facts small' },
      pair('Attempt', c.attempt),
      c.stats ? pair('Patch', size(c.stats)) : null),
    c.reason ? el('p', { class: 'reason' }, c.stage ? `${c.stage}: ` : '', c.reason) : null,
    diffButton(() => pick(c.attempt, c.variant), `candidate ${c.variant}`));
}

function diffButton(onclick, what) {
  return el('button', { type: 'button', class: 'small show-diff', onclick, 'aria-label': `Show the diff of ${what}` },
    'Show diff');
}

function size(stats) {
  return `+${stats.linesAdded} −${stats.linesRemoved} in ${stats.files.length} files`;
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

/**
 * The candidate the step shows when nobody picked one: the newest attempt's winner, else its first verified
 * variant, else a verified one-variant attempt; null when none has a diff yet.
 */
export function defaultPick(step) {
  for (const a of [...step.attemptHistory].reverse()) {
    const variants = a.variants ?? [];
    const best = variants.find(v => v.chosen) ?? variants.find(v => v.status === 'VERIFIED');
    if (best) {
      return { attempt: a.attempt, variant: best.variant };
    }
    if (!a.fanOut && a.status === 'VERIFIED') {
      return { attempt: a.attempt, variant: 0 };
    }
  }
  return null;
}

/**
 * The diff of candidate `picked` ({attempt, variant}) of `step`, from GET .../steps/{step}/attempts/{n}/diff?variant=k;
 * a rejected model variant's is labelled so, with why it lost. A decided candidate's patch never changes, so `cache`
 * keeps each text and a redraw of the page shows it at once; `mode` keeps the layout chosen.
 */
export function candidateDiff(step, picked, { base, cache, mode }) {
  const what = picked.variant > 100 ? `candidate ${picked.variant}` : `variant ${picked.variant}`;
  const url = `${base}/steps/${encodeURIComponent(step.id)}/attempts/${picked.attempt}/diff?variant=${picked.variant}`;
  const variant = step.attemptHistory.find(a => a.attempt === picked.attempt)?.variants
    ?.find(v => v.variant === picked.variant);
  const rejected = variant?.status === 'REJECTED';
  return el('div', { class: `candidate-diff${rejected ? ' rejected-diff' : ''}`, dataset: { step: step.id,
    attempt: picked.attempt, variant: picked.variant } },
  el('h4', {}, `Diff of ${what}, attempt ${picked.attempt}`, rejected ? ' ' : null,
    rejected ? statusBadge('REJECTED') : null),
  rejected ? el('p', { class: 'reason' }, variant.stage ? `${variant.stage}: ` : '', variant.reason ?? '') : null,
  loaded(url, 'text/x-diff', cache, `${step.id}/${picked.attempt}/${picked.variant}`, mode));
}

/** The step's commit on the result branch, fetched once and kept in `cache`. */
export function stepDiff(stepId, { base, cache, mode }) {
  return el('div', { class: 'accepted-diff', dataset: { step: stepId } }, el('h4', {}, 'Accepted diff'),
    loaded(`${base}/patch?step=${encodeURIComponent(stepId)}`, 'application/mbox', cache, stepId, mode));
}

/** A diff read once from `url` and kept in `cache` under `key` (what it shows never changes once there). */
function loaded(url, accept, cache, key, mode) {
  const body = el('div', {}, 'loading ...');
  const show = patch => fill(body, diffView(patch, mode));
  if (cache.has(key)) {
    show(cache.get(key));
  } else {
    text(url, accept)
      .then(patch => {
        cache.set(key, patch);
        show(patch);
      })
      .catch(e => fill(body, el('p', { class: 'field-error' }, e.message)));
  }
  return body;
}
