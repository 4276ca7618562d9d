'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createLogger, hclogTimestamp } = require('../lib/hclog');

function captured() {
  const lines = [];
  return { lines, stream: { write: (text) => lines.push(text) } };
}

test('timestamps have the six fraction digits go-plugin hosts parse', () => {
  assert.equal(hclogTimestamp(new Date(Date.UTC(2026, 10, 25, 12, 42, 44, 461))), '2026-11-25T12:42:44.461000Z');
});

test('writes one JSON object per line with the hclog keys and the given fields', () => {
  const { lines, stream } = captured();
  createLogger('helloworld-node', stream).info('initialized', { language: 'en' });
  assert.equal(lines.length, 1);
  assert.ok(lines[0].endsWith('\n'));
  const entry = JSON.parse(lines[0]);
  assert.equal(entry['@level'], 'info');
  assert.equal(entry['@message'], 'initialized');
  assert.equal(entry['@module'], 'helloworld-node');
  assert.match(entry['@timestamp'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.equal(entry.language, 'en');
});

test('an Error field is logged as its message, not as {}', () => {
  const { lines, stream } = captured();
  createLogger('m', stream).error('failed', { error: new Error('boom') });
  assert.equal(JSON.parse(lines[0]).error, 'boom');
});

test('a message with a newline stays on one line', () => {
  const { lines, stream } = captured();
  createLogger('m', stream).warn('two\nlines');
  assert.equal(lines[0].split('\n').length, 2);
  assert.equal(JSON.parse(lines[0])['@message'], 'two\nlines');
});
