// The skills view: the registry's skills (through the planner's /api/v1/skills routes, one origin and one key),
// a search, and one skill with its status, statistics, captures and SKILL.md rendered, with trust and untrust
// buttons.

import { call, text } from './api.js';
import { el, fill, markdown, statusBadge, time } from './dom.js';

const PAGE = 100;

/** The list and the search box in `main`; answers a function that stops it (nothing to stop: no polling). */
export function showSkills(main) {
  const query = el('input', { id: 'skill-query', type: 'search', placeholder: 'word statistics',
    'aria-describedby': 'skills-state' });
  const rows = el('tbody', { id: 'skill-rows' });
  const state = el('p', { class: 'hint', role: 'status', id: 'skills-state' });

  async function load(event) {
    event?.preventDefault();
    const q = query.value.trim();
    fill(state, 'loading ...');
    try {
      if (q) {
        const found = await call(`/api/v1/skills/search?${new URLSearchParams({ q, limit: '20' })}`);
        fill(rows, found.hits.map(h => row(h.name, h.status, h.why, `score ${h.score.toFixed(2)}`)));
        fill(state, `${found.hits.length} match${found.hits.length === 1 ? '' : 'es'} for "${q}" (${found.mode})`);
      } else {
        const page = await call(`/api/v1/skills?limit=${PAGE}`);
        fill(rows, page.items.map(s => row(s.name, s.status, s.description, `v${s.latest}`)));
        fill(state, page.items.length === 0 ? 'No skills yet: a completed session is captured as one.'
          : `${page.items.length} skill${page.items.length === 1 ? '' : 's'}`
            + (page.nextCursor ? ` (the first ${PAGE} by name)` : ''));
      }
    } catch (e) {
      if (e.status !== 401) {
        fill(state, el('span', { class: 'field-error', role: 'alert' }, `Could not load the skills: ${e.message}`));
      }
    }
  }

  fill(main, el('section', { class: 'panel', 'aria-labelledby': 'skills-title' },
    el('h1', { id: 'skills-title' }, 'Skills'),
    el('form', { class: 'row', id: 'skill-search', role: 'search', onsubmit: load },
      el('label', { for: 'skill-query' }, 'Search'), query, el('button', { type: 'submit' }, 'Search')),
    state,
    el('div', { class: 'table-wrap' }, el('table', { class: 'skills' },
      el('thead', {}, el('tr', {}, ['Skill', 'Status', 'About', ''].map(h => el('th', { scope: 'col' }, h)))),
      rows))));
  load();
  return () => {};
}

function row(name, status, about, extra) {
  return el('tr', { dataset: { skill: name } },
    el('td', {}, el('a', { href: `#/skills/${encodeURIComponent(name)}` }, name)),
    el('td', {}, statusBadge(String(status).toUpperCase())), el('td', {}, about ?? ''), el('td', { class: 'hint' },
      extra));
}

/** One skill: status and why, statistics, versions, captures, SKILL.md rendered, Trust and Untrust. */
export function showSkill(main, name) {
  const base = `/api/v1/skills/${encodeURIComponent(name)}`;
  const panel = el('section', { class: 'panel', id: 'skill', 'aria-labelledby': 'skill-name' });
  const doc = el('section', { class: 'panel', 'aria-labelledby': 'skill-md-title' },
    el('h2', { id: 'skill-md-title' }, 'SKILL.md'), el('div', { id: 'skill-md' }, 'loading ...'));
  const answer = el('p', { class: 'answer', role: 'status', id: 'skill-answer' });

  function render(s) {
    const stats = s.stats ?? {};
    fill(panel,
      el('p', { class: 'crumbs' }, el('a', { href: '#/skills' }, 'Skills'), ' / ', s.name),
      el('h1', { id: 'skill-name' }, s.name, ' ', statusBadge(String(s.status).toUpperCase())),
      el('p', {}, s.description),
      s.statusReason ? el('p', { class: 'hint', id: 'skill-status-reason' }, s.statusReason) : null,
      el('dl', { class: 'facts', id: 'skill-stats' },
        fact('Latest version', s.latest), fact('Origin', s.origin), fact('Captured sessions', stats.captures),
        fact('Replays', `${stats.replays ?? 0} (${stats.passes ?? 0} passed)`),
        fact('Pass rate', stats.passRate === null || stats.passRate === undefined ? 'no replay yet'
          : `${Math.round(stats.passRate * 100)}%`),
        fact('Mean tokens', stats.meanTokens), fact('Updated', time(s.updatedAt))),
      el('div', { class: 'row' },
        el('button', { type: 'button', class: 'primary', id: 'trust-skill', disabled: s.status === 'trusted',
          onclick: () => decide('POST', 'Trusted.') }, s.status === 'trusted' ? 'Trusted' : 'Trust this skill'),
        el('button', { type: 'button', id: 'untrust-skill', disabled: s.status !== 'trusted',
          onclick: () => decide('DELETE', 'Trust withdrawn.') }, 'Untrust'), answer),
      el('p', { class: 'hint' }, 'Trusted, the planner may plan a matching goal from this skill without asking its '
        + 'model; replays that fail too often degrade it again. Untrusted, it is a candidate again: the planner '
        + 'asks its model until replays after that earn it trust or a person trusts it.'));
  }

  /** Trust (POST) or untrust (DELETE) the skill, then show it as the registry now has it. */
  async function decide(method, done) {
    try {
      render(await call(`${base}/trust`, { method }));
      fill(answer, done);
    } catch (e) {
      fill(answer, el('span', { class: 'field-error' }, e.message));
    }
  }

  fill(main, panel, doc);
  call(base).then(render).catch(e => fill(panel, el('p', { class: 'field-error', role: 'alert' },
    `Could not load skill ${name}: ${e.message}`)));
  text(`${base}/SKILL.md`, 'text/markdown').then(md => fill(doc.lastChild, skillMd(md)))
    .catch(e => fill(doc.lastChild, el('p', { class: 'field-error' }, e.message)));
  return () => {};
}

/** The front matter (name, description, ...) as it is, then the body as Markdown. */
function skillMd(md) {
  const front = /^---\n([\s\S]*?)\n---\n?/.exec(md);
  return front ? [el('pre', { class: 'front-matter' }, front[1]), markdown(md.slice(front[0].length))]
    : markdown(md);
}

function fact(name, value) {
  return el('div', {}, el('dt', {}, name), el('dd', {}, value ?? ''));
}
