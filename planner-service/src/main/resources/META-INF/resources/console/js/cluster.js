// The cluster view: GET /api/v1/cluster every 5 s (each look opens a Kafka Admin client and reads every unfinished
// session's leases, so it is polled less often than the board): services, steps in flight by instance, consumer
// backlog, dead letters, and what could not be read.

import { call } from './api.js';
import { el, fill, statusBadge, time } from './dom.js';

const POLL_MS = 5000;

/** Shows the cluster in `main`; answers a function that stops its polling. */
export function showCluster(main) {
  let stopped = false;
  let timer = null;
  const state = el('p', { class: 'hint', role: 'status', id: 'cluster-state' });
  const services = el('tbody', { id: 'service-rows' });
  const work = el('tbody', { id: 'inflight-rows' });
  const groups = el('tbody', { id: 'group-rows' });
  const dead = el('tbody', { id: 'dlq-rows' });
  const errors = el('ul', { class: 'field-error', id: 'cluster-errors' });

  async function refresh() {
    clearTimeout(timer);
    try {
      const c = await call('/api/v1/cluster');
      if (stopped) {
        return;
      }
      fill(services, c.services.map(s => el('tr', { dataset: { service: s.name } },
        el('td', {}, s.name), el('td', {}, statusBadge(s.status)), el('td', {}, s.detail ?? ''),
        el('td', { class: 'hint' }, s.source))));
      fill(work, c.inFlight.length === 0 ? el('tr', {}, el('td', { colspan: 5, class: 'hint' }, 'Nothing in flight.'))
        : c.inFlight.map(w => el('tr', {}, el('td', {}, w.owner), el('td', {}, w.role),
          el('td', {}, el('a', { href: `#/sessions/${w.sessionId}` }, w.sessionId.slice(0, 8))),
          el('td', {}, `${w.stepId} attempt ${w.attempt} variant ${w.variant}`),
          el('td', {}, `${Math.max(0, Math.round(w.leaseLeftMs / 1000))} s`))));
      fill(groups, c.groups.map(g => el('tr', { dataset: { group: g.group } }, el('td', {}, g.group),
        el('td', {}, g.topic), el('td', {}, g.state), el('td', {}, String(g.members)), el('td', {}, String(g.lag)))));
      fill(dead, c.deadLetters.map(d => el('tr', { dataset: { topic: d.topic } }, el('td', {}, d.topic),
        el('td', { class: d.records > 0 ? 'field-error' : '' }, String(d.records)))));
      fill(errors, c.errors.map(e => el('li', {}, e)));
      fill(state, `Read at ${time(c.at)}, again every ${POLL_MS / 1000} s`);
    } catch (e) {
      if (e.status === 401 || stopped) {
        return;
      }
      fill(state, el('span', { class: 'field-error', role: 'alert' }, `Could not read the cluster: ${e.message}`));
    }
    if (!stopped) {
      timer = setTimeout(refresh, POLL_MS);
    }
  }

  const table = (id, caption, heads, body) => el('section', { class: 'panel', 'aria-labelledby': id },
    el('h2', { id }, caption), el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, heads.map(h => el('th', { scope: 'col' }, h)))), body)));
  fill(main,
    el('section', { class: 'panel' }, el('h1', {}, 'Cluster'), state, errors),
    table('services-title', 'Services', ['Service', 'Status', 'Detail', 'Judged by'], services),
    table('inflight-title', 'In flight', ['Instance', 'Role', 'Session', 'Step', 'Lease left'], work),
    table('groups-title', 'Consumer backlog', ['Group', 'Topic', 'State', 'Consumers', 'Backlog'], groups),
    table('dlq-title', 'Dead letters', ['Topic', 'Records'], dead));
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
