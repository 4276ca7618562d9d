'use strict';
// The plugin's ephemeral AutoMTLS certificate, made like go-plugin's mtls.go generateCert():
// self-signed ECDSA P-521, CN=localhost, O=HashiCorp, DNS SAN localhost, EKU serverAuth +
// clientAuth, KeyUsage digitalSignature|keyEncipherment|keyAgreement|keyCertSign, CA=true,
// random 128-bit serial, valid from 30 s ago for 262,980 h. The host trusts exactly this cert.
const { webcrypto, randomBytes } = require('node:crypto');
// @peculiar/x509 2.x resolves its services with tsyringe, which needs the Reflect metadata polyfill.
require('reflect-metadata');
const x509 = require('@peculiar/x509');

x509.cryptoProvider.set(webcrypto);

const EC_KEY = { name: 'ECDSA', namedCurve: 'P-521' };
const SIGNING = { name: 'ECDSA', hash: 'SHA-512' };
const CLOCK_SKEW_MS = 30 * 1000;
const VALIDITY_MS = 262980 * 60 * 60 * 1000;

function randomSerialHex() {
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // DER INTEGER is signed: keep the serial positive without a sign byte
  return serial.toString('hex');
}

/**
 * @returns {Promise<{certificatePem: string, privateKeyPem: string, der: Buffer}>}
 *   PEM of the certificate, PKCS#8 PEM of its key and the certificate's DER bytes.
 */
async function generateEphemeralCertificate(now = Date.now()) {
  const keys = await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialHex(),
    name: 'O=HashiCorp, CN=localhost',
    notBefore: new Date(now - CLOCK_SKEW_MS),
    notAfter: new Date(now + VALIDITY_MS),
    signingAlgorithm: SIGNING,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
          | x509.KeyUsageFlags.keyAgreement | x509.KeyUsageFlags.keyCertSign,
        true),
      new x509.ExtendedKeyUsageExtension(
        [x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }], false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    der: Buffer.from(certificate.rawData),
  };
}

module.exports = { generateEphemeralCertificate };
