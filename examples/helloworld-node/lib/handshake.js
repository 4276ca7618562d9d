'use strict';
// The plugin side of go-plugin's handshake (server.go): magic cookie, protocol version
// negotiation and the one line printed on stdout that tells the host where to connect.

const CORE_PROTOCOL_VERSION = 1;

// Quorum's handshake: every Quorum plugin host sets this cookie; a plugin checks it only to tell
// a person who runs the binary by hand that it is a plugin.
const QUORUM_HANDSHAKE = Object.freeze({
  magicCookieKey: 'QUORUM_PLUGIN_MAGIC_COOKIE',
  magicCookieValue: 'CB9F51969613126D93468868990F77A8470EB9177503C5A38D437FEFF7786E0941152E05C06A9A3313391059132A7F9CED86C0783FE63A8B38F01623C8257664',
  appProtocolVersion: 1,
});

// go-plugin's exact text, so users see the same message whatever language the plugin is in.
const NOT_A_COMMAND_MESSAGE =
  'This binary is a plugin. These are not meant to be executed directly.\n'
  + 'Please execute the program that consumes these plugins, which will\n'
  + 'load any plugins automatically\n';

function hasMagicCookie(env, handshake = QUORUM_HANDSHAKE) {
  return env[handshake.magicCookieKey] === handshake.magicCookieValue;
}

/**
 * Picks the app protocol version like go-plugin: the served version if the host's
 * PLUGIN_PROTOCOL_VERSIONS lists it, otherwise still the served version, so that the host is
 * the one that reports the mismatch (with both versions in its message).
 *
 * @returns {{version: number, hostVersions: number[], invalid: string[], agreed: boolean}}
 */
function negotiateProtocolVersion(hostVersionsText, served = QUORUM_HANDSHAKE.appProtocolVersion) {
  const hostVersions = [];
  const invalid = [];
  for (const text of (hostVersionsText || '').split(',')) {
    if (text === '') continue;
    if (/^\d+$/.test(text.trim())) {
      hostVersions.push(Number(text.trim()));
    } else {
      invalid.push(text);
    }
  }
  const agreed = hostVersions.length === 0 || hostVersions.includes(served);
  return { version: served, hostVersions, invalid, agreed };
}

/**
 * `CORE|APP|NETWORK|ADDRESS|grpc|CERT`. The certificate is base64 (standard alphabet) of its
 * DER bytes WITHOUT padding, as go-plugin writes it: go-plugin's own client decodes it with
 * base64.RawStdEncoding and rejects '='. Without AutoMTLS the last field is empty.
 */
function handshakeLine({ appVersion, network, address, certificateDer }) {
  const certificate = certificateDer ? certificateDer.toString('base64').replace(/=+$/, '') : '';
  return [CORE_PROTOCOL_VERSION, appVersion, network, address, 'grpc', certificate].join('|');
}

module.exports = {
  QUORUM_HANDSHAKE,
  NOT_A_COMMAND_MESSAGE,
  hasMagicCookie,
  negotiateProtocolVersion,
  handshakeLine,
};
