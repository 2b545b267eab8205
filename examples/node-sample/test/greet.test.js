'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { greet } = require('../greet.js');

test('greets by name', () => {
  assert.equal(greet('Ada'), 'Hello, Ada!');
});

test('a blank name greets the world', () => {
  assert.equal(greet('  '), 'Hello, world!');
});
