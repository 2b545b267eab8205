// The console's entry: the key form, then a hash router (#/ the board, #/sessions/<id> a session, #/skills the
// skills, #/skills/<name> one skill, #/cluster the cluster).

import { apiKey, call, forgetKey, onUnauthorized, rememberKey } from './api.js';
import { el, fill } from './dom.js';
import { showBoard } from './board.js';
import { showSession } from './session.js';
import { showSkill, showSkills } from './skills.js';
import { showCluster } from './cluster.js';

const main = document.getElementById('main');
const signOut = document.getElementById('forget-key');
let stop = () => {};

function keyForm(reason) {
  stop();
  stop = () => {};
  signOut.hidden = true;
  const input = el('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'key-hint key-error' });
  const error = el('p', { class: 'field-error', id: 'key-error', role: 'alert' }, reason ?? '');
  const form = el('form', { class: 'panel narrow', id: 'key-form' },
    el('h1', {}, 'Ratchet console'),
    el('label', { for: 'api-key' }, 'API key'),
    el('p', { class: 'hint', id: 'key-hint' }, './ratchet up prints it as api-key: ... (and keeps it in '
      + '.ratchet/local/api-key). It stays in this browser tab only.'),
    input, error,
    el('button', { type: 'submit', class: 'primary' }, 'Open the console'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    rememberKey(input.value);
    try {
      await call('/api/v1/sessions?limit=1');   // proves the key before the board polls with it
      route();
    } catch (e) {
      if (e.status !== 401) {
        fill(error, e.message);
      }
    }
  });
  fill(main, form);
  input.focus();
}

function route() {
  stop();
  if (!apiKey()) {
    keyForm();
    return;
  }
  signOut.hidden = false;
  const session = location.hash.match(/^#\/sessions\/([0-9a-fA-F-]{36})$/);
  const skill = location.hash.match(/^#\/skills\/([a-z0-9-]{1,64})$/);
  if (session) {
    stop = showSession(main, session[1]);
  } else if (skill) {
    stop = showSkill(main, skill[1]);
  } else if (location.hash === '#/skills') {
    stop = showSkills(main);
  } else if (location.hash === '#/cluster') {
    stop = showCluster(main);
  } else {
    stop = showBoard(main);
  }
  main.focus({ preventScroll: true });
}

onUnauthorized(reason => keyForm(`The server refused the key: ${reason}`));
signOut.addEventListener('click', () => {
  forgetKey();
  keyForm('The key is forgotten.');
});
window.addEventListener('hashchange', route);
route();
