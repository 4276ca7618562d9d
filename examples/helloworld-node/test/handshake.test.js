'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const {
  QUORUM_HANDSHAKE, hasMagicCookie, negotiateProtocolVersion, handshakeLine,
} = require('../lib/handshake');

test('the Quorum magic cookie is accepted, anything else is not', () => {
  assert.equal(hasMagicCookie({ QUORUM_PLUGIN_MAGIC_COOKIE: QUORUM_HANDSHAKE.magicCookieValue }), true);
  assert.equal(hasMagicCookie({}), false);
  assert.equal(hasMagicCookie({ QUORUM_PLUGIN_MAGIC_COOKIE: '' }), false);
  assert.equal(hasMagicCookie({ QUORUM_PLUGIN_MAGIC_COOKIE: QUORUM_HANDSHAKE.magicCookieValue.toLowerCase() }), false);
});

test('version 1 is agreed when the host lists it among others', () => {
  assert.deepEqual(negotiateProtocolVersion('3,1,2'),
    { version: 1, hostVersions: [3, 1, 2], invalid: [], agreed: true });
});

test('a host that sends no versions (legacy) gets version 1', () => {
  assert.equal(negotiateProtocolVersion(undefined).agreed, true);
  assert.equal(negotiateProtocolVersion('').version, 1);
});

test('a host that does not list version 1 is still offered 1, not agreed', () => {
  assert.deepEqual(negotiateProtocolVersion('2'), { version: 1, hostVersions: [2], invalid: [], agreed: false });
});

test('invalid version entries are reported and skipped', () => {
  const result = negotiateProtocolVersion('x,1,-2,1.5');
  assert.deepEqual(result.invalid, ['x', '-2', '1.5']);
  assert.deepEqual(result.hostVersions, [1]);
  assert.equal(result.agreed, true);
});

test('the handshake line carries the certificate as unpadded standard base64', () => {
  // These 4 bytes encode to "+/+//w==" padded: the '+' and '/' show the standard alphabet is kept.
  const line = handshakeLine({
    appVersion: 1, network: 'unix', address: '/tmp/plugin1', certificateDer: Buffer.from([0xfb, 0xff, 0xbf, 0xff]),
  });
  assert.equal(line, '1|1|unix|/tmp/plugin1|grpc|+/+//w');
});

test('without a certificate the handshake line ends with an empty field', () => {
  assert.equal(handshakeLine({ appVersion: 1, network: 'tcp', address: '127.0.0.1:10000', certificateDer: null }),
    '1|1|tcp|127.0.0.1:10000|grpc|');
});
