// Server-Sent Events over fetch: EventSource cannot send the Authorization header, so the stream is read with a
// ReadableStream reader and parsed here (the text/event-stream format: `id:`, `event:`, `data:` lines, a blank
// line ends an event, `:` starts a comment such as the planner's heartbeat). A dropped connection is resumed with
// Last-Event-ID, which the planner honours: nothing missed, nothing repeated.

import { check, headers } from './api.js';

const RETRY_MS = [500, 1000, 2000, 5000];   // back off to 5 s: a restarting planner is back within seconds
const MAX_EVENT_CHARS = 1 << 20;            // one progress entry is a few hundred characters; 1 MiB is garbage

/** Splits a text/event-stream into events; feed it decoded chunks. */
export class EventParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.id = null;
    this.type = 'message';
    this.data = [];
  }

  push(chunk) {
    this.buffer += chunk;
    if (this.buffer.length > MAX_EVENT_CHARS) {
      throw new Error(`an event over ${MAX_EVENT_CHARS} characters`);
    }
    let end;
    while ((end = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, end);
      const width = this.buffer.startsWith('\r\n', end) ? 2 : 1;
      this.buffer = this.buffer.slice(end + width);
      this.line(line);
    }
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0) {
        this.onEvent({ id: this.id, type: this.type, data: this.data.join('\n') });
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'id') {
      this.id = value;
    } else if (field === 'event') {
      this.type = value;
    } else if (field === 'data') {
      this.data.push(value);
    }
  }
}

const TERMINAL = new Set(['session.completed', 'session.failed', 'session.cancelled']);

/**
 * Follows `path` until the session's terminal event. `onEvent({id, type, data})` gets each event once, in order;
 * `onState(text)` hears "live", "reconnecting ..." and "ended". Answers a handle whose `close()` stops it.
 */
export function follow(path, { onEvent, onState = () => {}, onError = () => {} }) {
  const abort = new AbortController();
  let lastId = null;
  let ended = false;
  let failures = 0;

  async function once() {
    const extra = { Accept: 'text/event-stream' };
    if (lastId) {
      extra['Last-Event-ID'] = lastId;
    }
    const response = await check(await fetch(path, { headers: headers(extra), signal: abort.signal }));
    onState('live');
    failures = 0;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new EventParser(event => {
      lastId = event.id ?? lastId;
      ended = ended || TERMINAL.has(event.type);
      onEvent(event);
    });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      parser.push(value);
    }
  }

  (async () => {
    while (!abort.signal.aborted && !ended) {
      try {
        await once();
      } catch (e) {
        if (abort.signal.aborted) {
          return;
        }
        if (e.status && e.status < 500) {
          onError(e);      // a 4xx will not get better by asking again
          return;
        }
        failures++;
      }
      if (!ended && !abort.signal.aborted) {
        const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
        onState(`reconnecting in ${wait / 1000} s`);
        await new Promise(resolve => setTimeout(resolve, wait));
      }
    }
    if (ended) {
      onState('ended');
    }
  })();
  return { close: () => abort.abort() };
}
