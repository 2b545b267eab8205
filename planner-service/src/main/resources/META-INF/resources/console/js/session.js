// One session, live: the page follows the session's SSE stream and, on each event, reads the session again
// (GET /api/v1/sessions/{id}, one Redis read) and redraws what changed; nothing reloads.

import { call, text } from './api.js';
import { el, fill, markdown, statusBadge, time, tokens } from './dom.js';
import { follow } from './sse.js';
import { attemptCard, candidateDiff, candidateCard, defaultPick, stepDiff } from './cards.js';
import { controls } from './controls.js';

const FILES = ['PLAN.md', 'PROGRESS.md', 'AGENTS.md', 'VERIFY.md'];
const FEED_MAX = 2000;   // a 20-step session with 3 attempts each writes about 250 entries

const MARKS = { VERIFIED: '✓', RUNNING: '▶', PENDING: '○', FAILED: '✗', SKIPPED: '–' };

/** Shows session `id` in `main`; answers a function that stops following it. */
export function showSession(main, id) {
  const base = `/api/v1/sessions/${encodeURIComponent(id)}`;
  const summary = el('section', { class: 'panel', id: 'summary', 'aria-labelledby': 'session-goal' });
  const live = el('span', { class: 'live', id: 'stream-state', role: 'status' }, 'connecting');
  const planList = el('ol', { class: 'plan', id: 'plan' });
  const steps = el('div', { id: 'steps' });
  const feed = el('ol', { class: 'feed', id: 'feed', role: 'log', 'aria-live': 'polite' });
  // Diff texts by step (the result branch's commit) or step/attempt/variant (a decided candidate): neither changes.
  const diffs = { base, cache: new Map(), mode: {} };   // mode: the layout picked, kept across redraws
  const picks = new Map();   // step id -> {attempt, variant} a person picked on a card
  const panel = controls(base, () => refresh());
  let last = '';
  let shown = null;   // the view drawn last, redrawn when a person picks a diff
  let inFlight = null;
  let again = false;

  async function refresh() {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      do {
        again = false;
        try {
          const view = await call(base);
          const json = JSON.stringify(view);
          if (json !== last) {
            last = json;
            render(view);
          }
        } catch (e) {
          if (e.status !== 401) {
            fill(summary, el('p', { class: 'field-error', role: 'alert' }, `Could not load the session: ${e.message}`));
          }
        }
      } while (again);
      inFlight = null;
    })();
    return inFlight;
  }

  function render(view) {
    shown = view;
    fill(summary,
      el('p', { class: 'crumbs' }, el('a', { href: '#/' }, 'Sessions'), ' / ', view.id),
      el('h1', { id: 'session-goal' }, view.goal),
      el('dl', { class: 'facts' },
        fact('Status', statusBadge(view.status), 'session-status'),
        fact('Repository', view.repo),
        fact('Base commit', view.baseCommit?.slice(0, 12)),
        fact('Approval', view.approval),
        fact('Planned from', view.plannedFrom ?? 'the planner model'),
        fact('Steps verified', `${view.verifiedSteps}/${view.steps.length}`),
        fact('Tokens', tokens(view.usage).toLocaleString()),
        fact('Started', time(view.createdAt)),
        view.finishedAt && fact('Finished', time(view.finishedAt)),
        view.failureReason && fact('Reason', view.failureReason)),
      result(view));
    panel.update(view);
    fill(planList, view.steps.map(step => el('li', { class: `step step-${step.status.toLowerCase()}`,
      dataset: { step: step.id } },
    el('span', { class: 'mark', 'aria-hidden': 'true' }, MARKS[step.status] ?? '?'),
    el('span', { class: 'title' }, `${step.id} ${step.title}`),
    el('span', { class: 'step-status' }, step.status),
    panel.stepButtons(view, step))));
    fill(steps, view.steps.map(step => {
      const pick = (attempt, variant) => {
        picks.set(step.id, { attempt, variant });
        render(shown);
        document.querySelector(`#step-${CSS.escape(step.id)} .candidate-diff`)?.scrollIntoView({ block: 'nearest' });
      };
      const picked = picks.get(step.id) ?? defaultPick(step);
      return el('section', { class: 'panel step-detail', id: `step-${step.id}` },
        el('h3', {}, `${step.id}: ${step.title} `, statusBadge(step.status)),
        el('div', { class: 'cards' }, step.attemptHistory.map(a => attemptCard(a, pick)),
          (step.candidates ?? []).map(c => candidateCard(c, pick))),
        picked ? candidateDiff(step, picked, diffs) : null,
        view.status === 'COMPLETED' && step.status === 'VERIFIED' ? stepDiff(step.id, diffs) : null);
    }));
  }

  function result(view) {
    if (view.status !== 'COMPLETED') {
      return null;
    }
    const download = el('button', { type: 'button', id: 'download-patch', onclick: async () => {
      const mbox = await text(`${base}/patch`, 'application/mbox');
      const link = el('a', { href: URL.createObjectURL(new Blob([mbox], { type: 'application/mbox' })),
        download: `ratchet-${view.id}.mbox` });
      link.click();
      URL.revokeObjectURL(link.href);
    } }, 'Download the patch series (mbox)');
    return el('p', { class: 'result', id: 'result' }, 'Result branch ', el('code', {}, `ratchet/${view.id}`), ' ',
      download);
  }

  function appendFeed(event) {
    let entry;
    try {
      entry = JSON.parse(event.data);
    } catch {
      entry = { type: event.type, message: event.data };
    }
    feed.append(el('li', { class: `feed-${String(entry.type).replace(/[^a-z.-]/g, '')}` },
      el('time', {}, time(entry.at)), ' ', el('span', { class: 'type' }, entry.type), ' ',
      entry.stepId ? el('span', { class: 'step-id' }, entry.stepId) : null, ' ', entry.message));
    while (feed.childElementCount > FEED_MAX) {
      feed.firstElementChild.remove();
    }
  }

  fill(main, summary, panel.node,
    el('section', { class: 'panel', 'aria-labelledby': 'plan-title' }, el('h2', { id: 'plan-title' }, 'Plan'),
      planList),
    el('section', { 'aria-labelledby': 'steps-title' }, el('h2', { id: 'steps-title' }, 'Steps'), steps),
    el('section', { class: 'panel', 'aria-labelledby': 'files-title' }, el('h2', { id: 'files-title' }, 'Files'),
      FILES.map(name => fileView(base, name))),
    el('section', { class: 'panel', 'aria-labelledby': 'feed-title' },
      el('div', { class: 'panel-head' }, el('h2', { id: 'feed-title' }, 'Progress'), live), feed));

  refresh();
  const stream = follow(`${base}/events`, {
    onEvent: event => {
      appendFeed(event);
      refresh();
    },
    onState: state => fill(live, state),
    onError: e => fill(live, `stopped: ${e.message}`),
  });
  return () => stream.close();
}

function fact(name, value, id) {
  return el('div', {}, el('dt', {}, name), el('dd', { id }, value ?? ''));
}

/** One of the four files, read when opened (and again each time it is opened: PROGRESS.md grows). */
function fileView(base, name) {
  const body = el('div', { class: 'file-body' });
  const details = el('details', { dataset: { file: name } }, el('summary', {}, name), body);
  details.addEventListener('toggle', async () => {
    if (!details.open) {
      return;
    }
    fill(body, 'loading ...');
    try {
      fill(body, markdown(await text(`${base}/files/${name}`, 'text/markdown')));
    } catch (e) {
      fill(body, el('p', { class: 'field-error' }, e.message));
    }
  });
  return details;
}
