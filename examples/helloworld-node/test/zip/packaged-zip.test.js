'use strict';
// Checks the built plugin zip (mvn package; PLUGIN_ZIP overrides the path) as a host receives it:
// layout, modes, no symlinks, and that the extracted plugin runs on its own and greets.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { readZip, extractZip } = require('../support/zip');
const { EXAMPLE_DIR, pluginEnvironment, startProcess, connect } = require('../support/host');
const { generateEphemeralCertificate } = require('../../lib/certificate');

const ZIP = process.env.PLUGIN_ZIP || path.join(EXAMPLE_DIR, 'target', 'helloworld-node-1.0.0.zip');

test('the plugin zip exists', () => {
  assert.ok(fs.existsSync(ZIP), `${ZIP} is missing: build it with "mvn package" in ${EXAMPLE_DIR}`);
});

test('plugin-meta.json at the root names an executable entrypoint at the root', () => {
  const entries = readZip(ZIP);
  const meta = JSON.parse(entries.find((entry) => entry.name === 'plugin-meta.json').read());
  assert.deepEqual(meta, { name: 'helloworld-node', version: '1.0.0', entrypoint: 'helloworld-node', parameters: [] });
  const entrypoint = entries.find((entry) => entry.name === meta.entrypoint);
  assert.ok(entrypoint, 'entrypoint missing from the zip');
  assert.equal((entrypoint.mode & 0o777).toString(8), '755');
  assert.match(entrypoint.read().toString(), /^#!\/bin\/sh\n/);
});

test('it carries its code, protos and production node_modules, and no symlinks or .bin', () => {
  const names = new Set(readZip(ZIP).map((entry) => entry.name));
  for (const needed of ['plugin.js', 'lib/services.js', 'proto/quorum/helloworld.proto', 'proto/quorum/init.proto',
    'proto/goplugin/grpc_controller.proto', 'proto/goplugin/grpc_stdio.proto', 'proto/grpc/health/v1/health.proto',
    'node_modules/@grpc/grpc-js/package.json', 'node_modules/@peculiar/x509/package.json']) {
    assert.ok(names.has(needed), `${needed} missing from the zip`);
  }
  const entries = readZip(ZIP);
  assert.deepEqual(entries.filter((entry) => entry.isSymlink).map((entry) => entry.name), []);
  assert.deepEqual(entries.filter((entry) => entry.name.includes('.bin/')).map((entry) => entry.name), []);
  assert.deepEqual(entries.filter((entry) => entry.name.startsWith('test/')).map((entry) => entry.name), []);
});

test('extracted on its own, it starts with AutoMTLS and greets', async (t) => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-zip-'));
  t.after(() => fs.rmSync(directory, { recursive: true, force: true }));
  extractZip(ZIP, directory);
  const hostCertificate = await generateEphemeralCertificate();
  const plugin = await startProcess(path.join(directory, 'helloworld-node'), [],
    pluginEnvironment({ PLUGIN_CLIENT_CERT: hostCertificate.certificatePem }));
  t.after(plugin.stop);
  const { call, close } = connect(plugin.handshake, hostCertificate);
  t.after(close);

  await call('PluginInitializer', 'init', { rawConfiguration: Buffer.from('{"language":"es"}') });
  assert.deepEqual(await call('PluginGreeting', 'greeting', { msg: 'world' }), { msg: 'Hola world!' });
  await call('GRPCController', 'shutdown', {});
  assert.equal(await plugin.exited, 0);
});
