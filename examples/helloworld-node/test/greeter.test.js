'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Greeter, ConfigurationError, NotInitializedError } = require('../lib/greeter');

const raw = (text) => Buffer.from(text);

test('greets in English or Spanish as configured', () => {
  const greeter = new Greeter();
  greeter.init(raw('{"language":"en"}'));
  assert.equal(greeter.greet('world'), 'Hello world!');
  greeter.init(raw('{"language":"es"}'));
  assert.equal(greeter.greet('world'), 'Hola world!');
});

test('refuses to greet before it is initialized', () => {
  assert.throws(() => new Greeter().greet('world'), NotInitializedError);
});

for (const [what, text, message] of [
  ['empty configuration', '', /configuration is not JSON/],
  ['not JSON', '{language:en}', /configuration is not JSON/],
  ['a JSON array', '["en"]', /must be a JSON object/],
  ['JSON null', 'null', /must be a JSON object/],
  ['a bare string', '"en"', /must be a JSON object/],
  ['no language', '{}', /"language" must be one of en, es, got undefined/],
  ['an unknown language', '{"language":"fr"}', /"language" must be one of en, es, got "fr"/],
  ['a language in upper case', '{"language":"EN"}', /got "EN"/],
  ['an inherited property name', '{"language":"toString"}', /got "toString"/],
]) {
  test(`rejects ${what}`, () => {
    assert.throws(() => new Greeter().init(raw(text)), (error) => error instanceof ConfigurationError && message.test(error.message));
  });
}

test('a rejected configuration keeps the previous language', () => {
  const greeter = new Greeter();
  greeter.init(raw('{"language":"es"}'));
  assert.throws(() => greeter.init(raw('{"language":"de"}')), ConfigurationError);
  assert.equal(greeter.greet('mundo'), 'Hola mundo!');
});
