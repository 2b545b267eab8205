'use strict';

/** A greeting for name; a blank name greets the world. */
function greet(name) {
  const who = String(name ?? '').trim();
  return `Hello, ${who === '' ? 'world' : who}!`;
}

module.exports = { greet };
