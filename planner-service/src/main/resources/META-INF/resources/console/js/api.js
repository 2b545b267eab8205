// The platform API as the console calls it: every request carries the API key of this browser tab
// (sessionStorage, so it is gone when the tab closes) as a Bearer header; a 401 sends the person back to the key
// form with the server's reason.

const KEY = 'ratchet.apiKey';

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function rememberKey(key) {
  sessionStorage.setItem(KEY, key.trim());
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** A refused call: `problem` is the problem+json body when the server sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const listeners = new Set();

/** `fn(reason)` runs when a call is answered 401 (no, a wrong or a revoked key). */
export function onUnauthorized(fn) {
  listeners.add(fn);
}

export function unauthorized(reason) {
  forgetKey();
  listeners.forEach(fn => fn(reason));
}

export function headers(extra = {}) {
  return { Authorization: `Bearer ${apiKey() ?? ''}`, ...extra };
}

/** Throws ApiError for a non-2xx answer; a 401 also tells the listeners. */
export async function check(response) {
  if (response.ok) {
    return response;
  }
  let problem = null;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    problem = await response.json().catch(() => null);
  }
  const error = new ApiError(response.status, problem);
  if (response.status === 401) {
    unauthorized(error.message);
  }
  throw error;
}

/** A JSON call; `body` is sent as JSON. Answers the parsed JSON (null for an empty body). */
export async function call(path, { method = 'GET', body, signal } = {}) {
  const init = { method, signal, headers: headers({ Accept: 'application/json' }) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await check(await fetch(path, init));
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A text resource (the four files, a patch). */
export async function text(path, accept = 'text/plain') {
  const response = await check(await fetch(path, { headers: headers({ Accept: accept }) }));
  return response.text();
}
