'use strict';
// The plugin's certificate must look like go-plugin's (mtls.go) so any go-plugin host accepts it.
const test = require('node:test');
const assert = require('node:assert/strict');
const { X509Certificate, createPrivateKey } = require('node:crypto');
const { generateEphemeralCertificate } = require('../lib/certificate');

const HOUR_MS = 60 * 60 * 1000;

test('is a self-signed P-521 CA certificate for localhost issued to HashiCorp', async () => {
  const { der, certificatePem } = await generateEphemeralCertificate();
  const certificate = new X509Certificate(der);
  assert.equal(certificate.toString(), new X509Certificate(certificatePem).toString());
  assert.equal(certificate.subject, 'O=HashiCorp\nCN=localhost');
  assert.equal(certificate.issuer, certificate.subject);
  assert.equal(certificate.subjectAltName, 'DNS:localhost');
  assert.equal(certificate.ca, true);
  assert.equal(certificate.publicKey.asymmetricKeyDetails.namedCurve, 'secp521r1');
  assert.equal(certificate.verify(certificate.publicKey), true);
  assert.equal(certificate.checkIssued(certificate), true);
});

test('serves both ends of TLS: EKU serverAuth and clientAuth', async () => {
  const certificate = new X509Certificate((await generateEphemeralCertificate()).der);
  assert.deepEqual([...certificate.keyUsage].sort(), ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
});

test('is valid from 30 s ago for 262,980 hours', async () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const certificate = new X509Certificate((await generateEphemeralCertificate(now)).der);
  assert.equal(Date.parse(certificate.validFrom), now - 30 * 1000);
  assert.equal(Date.parse(certificate.validTo), now + 262980 * HOUR_MS);
});

test('has a fresh positive 128-bit serial each time', async () => {
  const first = new X509Certificate((await generateEphemeralCertificate()).der);
  const second = new X509Certificate((await generateEphemeralCertificate()).der);
  assert.notEqual(first.serialNumber, second.serialNumber);
  const serial = BigInt(`0x${first.serialNumber}`);
  assert.ok(serial > 0n && serial < 2n ** 128n, `serial ${first.serialNumber} is not a positive 128-bit number`);
});

test('comes with the matching private key in PKCS#8 PEM', async () => {
  const { privateKeyPem, der } = await generateEphemeralCertificate();
  assert.match(privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
  const certificate = new X509Certificate(der);
  assert.equal(certificate.checkPrivateKey(createPrivateKey(privateKeyPem)), true);
});
