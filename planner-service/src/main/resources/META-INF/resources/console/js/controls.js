// The person's controls on a session: approve (after editing the plan if wanted), a note, pause, resume, cancel,
// and redo or skip per step. Each answer is shown at once; when a directive took effect comes from the session's
// `directives` (appliedAt, effectiveStep, outcome), which the page reads again on every progress event.

import { ApiError, call } from './api.js';
import { el, fill, time } from './dom.js';

const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** Answers `{node, update(view), stepButtons(view, step)}`; `changed()` asks the page to read the session again. */
export function controls(base, changed) {
  const answer = el('p', { class: 'answer', id: 'control-answer', role: 'status', 'aria-live': 'polite' });
  const note = el('textarea', { id: 'note-text', rows: 2, maxlength: 2000 });
  const buttons = {
    approve: button('approve-plan', 'Approve the plan', () => approve(), 'primary'),
    note: button('add-note', 'Add the note', () => {
      if (!note.value.trim()) {
        say('A note needs text.');
        return;
      }
      steer({ type: 'note', text: note.value.trim() }).then(ok => ok && (note.value = ''));
    }),
    pause: button('pause', 'Pause', () => steer({ type: 'pause' })),
    resume: button('resume', 'Resume', () => steer({ type: 'resume' })),
    cancel: button('cancel', 'Cancel the session', () => steer({ type: 'cancel' }), 'danger'),
  };
  const guardrails = el('textarea', { id: 'guardrails-json', rows: 2, placeholder: '{"forbid": ["cli/**"]}' });
  buttons.guardrails = button('change-guardrails', 'Change the guardrails', () => {
    try {
      steer({ type: 'guardrails', guardrails: JSON.parse(guardrails.value) });
    } catch (e) {
      say(`The guardrails are not JSON: ${e.message}`);
    }
  });
  const author = el('input', { id: 'candidate-author', type: 'text', autocomplete: 'username', maxlength: 64 });
  const patch = el('textarea', { id: 'candidate-patch', rows: 4, placeholder: 'a unified diff, search/replace '
    + 'blocks or an apply_patch envelope' });
  buttons.candidate = button('submit-candidate', 'Submit my patch for the running step', () => candidate());
  let running = null;   // the step a person's patch goes to
  const editor = el('div', { id: 'plan-editor' });
  const directives = el('tbody', { id: 'directives' });
  let editing = null;   // the plan the editor shows, so a refresh does not wipe what the person typed

  const node = el('section', { class: 'panel', id: 'controls', 'aria-labelledby': 'controls-title' },
    el('h2', { id: 'controls-title' }, 'Steer'),
    editor,
    el('div', { class: 'row' }, buttons.approve, buttons.pause, buttons.resume, buttons.cancel),
    el('div', { class: 'field' }, el('label', { for: 'note-text' }, 'Note for the following steps'), note,
      buttons.note),
    el('details', {}, el('summary', {}, 'More: guardrails, your own patch'),
      el('div', { class: 'field' }, el('label', { for: 'guardrails-json' }, 'Guardrail fields to change (JSON)'),
        guardrails, buttons.guardrails),
      el('div', { class: 'field' }, el('label', { for: 'candidate-author' }, 'Your name'), author,
        el('label', { for: 'candidate-patch' }, 'Your patch, verified like a model\'s'), patch, buttons.candidate)),
    answer,
    el('div', { class: 'table-wrap' }, el('table', { class: 'directives' },
      el('caption', {}, 'Directives and when they took effect'),
      el('thead', {}, el('tr', {}, ['Id', 'Type', 'Detail', 'Received', 'Took effect', 'Before step', 'Outcome']
        .map(h => el('th', { scope: 'col' }, h)))),
      directives)));

  function say(...parts) {
    fill(answer, ...parts);
  }

  function problem(e) {
    const fields = (e instanceof ApiError ? e.problem?.errors : null) ?? [];
    return fields.length > 0 ? fields.map(f => `${f.field}: ${f.message}`).join('; ') : e.message;
  }

  async function steer(directive) {
    try {
      const taken = await call(`${base}/steer`, { method: 'POST', body: { directives: [directive] } });
      const d = taken.directives[taken.directives.length - 1];
      say(`${d.type} ${d.id} received at ${time(d.receivedAt)}`, d.appliedAt ? `, took effect at ${time(d.appliedAt)}`
        : '; it takes effect at the next step boundary (see the table below)');
      changed();
      return true;
    } catch (e) {
      say(`${directive.type} refused (${e.status ?? 'network'}): ${problem(e)}`);
      return false;
    }
  }

  async function candidate() {
    if (!running) {
      say('No step is running: a patch can only go to the running step.');
      return;
    }
    try {
      const { candidate: c } = await call(`${base}/steps/${encodeURIComponent(running)}/candidates`, { method: 'POST',
        body: { author: author.value.trim(), patch: patch.value } });
      say(`Candidate ${c.variant} for ${running} ${c.status} at ${time(new Date().toISOString())}: the verifiers `
        + 'check it like a model\'s attempt.');
      changed();
    } catch (e) {
      say(`Patch refused (${e.status ?? 'network'}): ${problem(e)}`);
    }
  }

  async function approve() {
    try {
      if (editing && editor.querySelector('[data-dirty]')) {
        await call(`${base}/plan`, { method: 'PUT', body: { steps: editedSteps() } });
      }
      await call(`${base}/plan/approve`, { method: 'POST' });
      say(`Plan approved at ${time(new Date().toISOString())}: the first step is requested.`);
      changed();
    } catch (e) {
      say(`Approval refused (${e.status ?? 'network'}): ${problem(e)}`);
    }
  }

  function editedSteps() {
    return editing.map((s, i) => ({ id: s.id,
      title: editor.querySelector(`#plan-title-${i}`).value,
      instructions: editor.querySelector(`#plan-instructions-${i}`).value }));
  }

  function showEditor(plan) {
    editing = plan;
    const mark = e => e.target.setAttribute('data-dirty', '');
    fill(editor, el('fieldset', {}, el('legend', {}, 'The plan waits for your approval: edit a step, then save or '
      + 'approve'),
    plan.map((s, i) => el('div', { class: 'plan-step' },
      el('label', { for: `plan-title-${i}` }, `${s.id} title`),
      el('input', { id: `plan-title-${i}`, value: s.title, oninput: mark }),
      el('label', { for: `plan-instructions-${i}` }, `${s.id} instructions`),
      el('textarea', { id: `plan-instructions-${i}`, rows: 3, oninput: mark }, s.instructions))),
    button('save-plan', 'Save the plan', async () => {
      try {
        const saved = await call(`${base}/plan`, { method: 'PUT', body: { steps: editedSteps() } });
        showEditor(saved.steps);
        say(`Plan saved at ${time(new Date().toISOString())}.`);
        changed();
      } catch (e) {
        say(`Plan refused (${e.status ?? 'network'}): ${problem(e)}`);
      }
    })));
  }

  function update(view) {
    const s = view.status;
    buttons.approve.disabled = s !== 'AWAITING_APPROVAL';
    buttons.pause.disabled = !['PLANNING', 'AWAITING_APPROVAL', 'RUNNING'].includes(s);
    buttons.resume.disabled = s !== 'PAUSED';
    buttons.cancel.disabled = FINISHED.has(s);
    buttons.note.disabled = FINISHED.has(s);
    buttons.guardrails.disabled = FINISHED.has(s);
    running = view.steps.find(step => step.status === 'RUNNING')?.id ?? null;
    buttons.candidate.disabled = running === null;
    note.disabled = FINISHED.has(s);
    if (s === 'AWAITING_APPROVAL' && !editing) {
      showEditor(view.plan);
    } else if (s !== 'AWAITING_APPROVAL' && editing) {
      editing = null;
      editor.replaceChildren();
    }
    fill(directives, (view.directives ?? []).map(d => el('tr', { dataset: { directive: d.id } },
      el('td', {}, d.id), el('td', {}, d.type), el('td', {}, d.text ?? d.feedback ?? d.step ?? ''),
      el('td', {}, time(d.receivedAt)), el('td', { class: 'applied' }, d.appliedAt ? time(d.appliedAt) : 'waiting'),
      el('td', {}, d.effectiveStep ?? ''), el('td', {}, d.outcome ?? ''))));
  }

  function stepButtons(view, step) {
    if (FINISHED.has(view.status)) {
      return null;
    }
    if (step.status === 'VERIFIED') {
      return button(`redo-${step.id}`, `Redo ${step.id}`, () => steer({ type: 'redo', step: step.id }), 'small');
    }
    if (step.status === 'PENDING') {
      return button(`skip-${step.id}`, `Skip ${step.id}`, () => steer({ type: 'skip', step: step.id }), 'small');
    }
    return null;
  }

  return { node, update, stepButtons };
}

function button(id, label, onclick, kind) {
  return el('button', { type: 'button', id, class: kind, onclick }, label);
}
