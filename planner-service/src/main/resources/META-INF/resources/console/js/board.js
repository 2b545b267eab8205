// The sessions board: the caller's sessions, polled once a second (a list of up to 50 summaries is one Redis
// page read; SSE per row would hold a connection per session), a status filter, and the new-session form.

import { ApiError, call } from './api.js';
import { age, el, fill, statusBadge, tokens } from './dom.js';

const POLL_MS = 1000;
const PAGE = 50;
const STATUSES = ['PLANNING', 'AWAITING_APPROVAL', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'CANCELLED'];
const FIELDS = ['repo', 'goal', 'checks', 'guardrails', 'approval'];

/** Shows the board in `main`; answers a function that stops its polling. */
export function showBoard(main) {
  let stopped = false;
  let timer = null;
  let shown = '';
  const filter = el('select', { id: 'status-filter', onchange: () => refresh() },
    el('option', { value: '' }, 'every status'), STATUSES.map(s => el('option', { value: s }, s)));
  const rows = el('tbody', { id: 'session-rows' });
  const state = el('p', { class: 'hint', role: 'status', id: 'board-state' });

  async function refresh() {
    clearTimeout(timer);
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (filter.value) {
      query.set('status', filter.value);
    }
    try {
      const page = await call(`/api/v1/sessions?${query}`);
      if (stopped) {
        return;
      }
      const json = JSON.stringify(page.items);
      if (json !== shown) {   // rebuilt only when a session changed, so focus and selection stay put
        shown = json;
        fill(rows, page.items.map(row));
      }
      rows.querySelectorAll('td[data-created]').forEach(td => fill(td, age(td.dataset.created)));
      const n = page.items.length;
      fill(state, n === 0 ? 'No sessions yet.' : `${n} session${n === 1 ? '' : 's'}, refreshed every second`
        + (page.nextCursor ? ` (newest ${PAGE} shown)` : ''));
    } catch (e) {
      if (e.status === 401 || stopped) {
        return;
      }
      fill(state, `Could not load the sessions: ${e.message}`);
    }
    if (!stopped) {
      timer = setTimeout(refresh, POLL_MS);
    }
  }

  fill(main,
    el('section', { class: 'panel', 'aria-labelledby': 'board-title' },
      el('div', { class: 'panel-head' },
        el('h1', { id: 'board-title' }, 'Sessions'),
        el('label', {}, 'Status ', filter)),
      state,
      el('div', { class: 'table-wrap' },
        el('table', { class: 'sessions' },
          el('thead', {}, el('tr', {}, ['Status', 'Repository', 'Goal', 'Steps verified', 'Tokens', 'Age']
            .map(h => el('th', { scope: 'col' }, h)))),
          rows))),
    newSessionForm(id => { location.hash = `#/sessions/${id}`; }));
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function row(s) {
  return el('tr', { dataset: { id: s.id } },
    el('td', {}, statusBadge(s.status)),
    el('td', { class: 'repo' }, s.repo),
    el('td', {}, el('a', { href: `#/sessions/${encodeURIComponent(s.id)}` }, s.goal)),
    el('td', {}, `${s.verifiedSteps}/${s.steps}`),
    el('td', {}, tokens(s.usage).toLocaleString()),
    el('td', { dataset: { created: s.createdAt } }, age(s.createdAt)));
}

function field(name, label, control, hint) {
  control.id = `new-${name}`;
  control.name = name;
  control.setAttribute('aria-describedby', `new-${name}-error${hint ? ` new-${name}-hint` : ''}`);
  return el('div', { class: 'field' },
    el('label', { for: control.id }, label),
    hint && el('p', { class: 'hint', id: `new-${name}-hint` }, hint),
    control,
    el('p', { class: 'field-error', id: `new-${name}-error`, 'aria-live': 'polite' }));
}

/** `NAME=CMD` per line into checks; throws naming the line when one has no name or command. */
export function parseChecks(text) {
  return text.split('\n').map(l => l.trim()).filter(l => l !== '').map((line, i) => {
    const eq = line.indexOf('=');
    if (eq <= 0 || eq === line.length - 1) {
      throw new Error(`line ${i + 1} must be NAME=COMMAND, like unit-tests=python3 -m unittest`);
    }
    return { name: line.slice(0, eq).trim(), command: line.slice(eq + 1).trim() };
  });
}

function newSessionForm(opened) {
  const controls = {
    repo: el('input', { type: 'text', required: true, autocomplete: 'off', placeholder: '/path/to/repo' }),
    goal: el('textarea', { rows: 3, required: true, maxlength: 8000 }),
    checks: el('textarea', { rows: 3, placeholder: 'unit-tests=python3 -m unittest' }),
    guardrails: el('textarea', { rows: 2, placeholder: '{"forbid": ["cli/**"], "deletes": false}' }),
    approval: el('input', { type: 'checkbox' }),
  };
  const formError = el('p', { class: 'field-error', id: 'new-session-error', role: 'alert' });
  const form = el('form', { class: 'panel', id: 'new-session', 'aria-labelledby': 'new-title', novalidate: true },
    el('h2', { id: 'new-title' }, 'New session'),
    field('repo', 'Repository (a local path or file:// URL)', controls.repo),
    field('goal', 'Goal', controls.goal),
    field('checks', 'Checks', controls.checks, 'One NAME=COMMAND a line; empty takes the repository\'s own '
      + '(VERIFY.md, AGENTS.md).'),
    field('guardrails', 'Guardrails (JSON, optional)', controls.guardrails),
    el('div', { class: 'field checkbox' }, controls.approval,
      el('label', { for: 'new-approval' }, 'Wait for my approval of the plan'),
      el('p', { class: 'field-error', id: 'new-approval-error' })),
    formError,
    el('button', { type: 'submit', class: 'primary' }, 'Start session'));
  controls.approval.id = 'new-approval';
  controls.approval.name = 'approval';

  const show = (name, message) => {
    const target = FIELDS.includes(name) ? form.querySelector(`#new-${name}-error`) : formError;
    target.append(target.textContent ? '; ' : '', message);
    if (FIELDS.includes(name)) {
      controls[name].setAttribute('aria-invalid', 'true');
    }
  };

  form.addEventListener('submit', async event => {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach(p => p.replaceChildren());
    Object.values(controls).forEach(c => c.removeAttribute('aria-invalid'));
    const body = { repo: controls.repo.value.trim(), goal: controls.goal.value.trim() };
    try {
      const checks = parseChecks(controls.checks.value);
      if (checks.length > 0) {
        body.checks = checks;
      }
    } catch (e) {
      show('checks', e.message);
      return;
    }
    if (controls.guardrails.value.trim()) {
      try {
        body.guardrails = JSON.parse(controls.guardrails.value);
      } catch (e) {
        show('guardrails', `not JSON: ${e.message}`);
        return;
      }
    }
    if (controls.approval.checked) {
      body.approval = 'manual';
    }
    try {
      const created = await call('/api/v1/sessions', { method: 'POST', body });
      opened(created.id);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) {
        show('', e.message);
        return;
      }
      const errors = e.problem?.errors ?? [];
      errors.forEach(v => show(String(v.field).split(/[.[]/)[0], `${v.field}: ${v.message}`));
      if (errors.length === 0) {
        show('', e.message);
      }
    }
  });
  return form;
}
