'use strict';
// Runs the plugin as a real child process, through its packaged entrypoint, the way a go-plugin
// host does: cookie, handshake line, AutoMTLS, health, Init/Greeting, Shutdown.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { X509Certificate } = require('node:crypto');
const grpc = require('@grpc/grpc-js');
const { NOT_A_COMMAND_MESSAGE } = require('../lib/handshake');
const {
  ENTRYPOINT, pluginEnvironment, run, startProcess, createHost, connect, startPlugin, startConnectedPlugin,
} = require('./support/host');

const config = (object) => Buffer.from(JSON.stringify(object));
const logEntries = (stderr) => stderr.trim().split('\n').map((line) => JSON.parse(line));

test('run by hand without the magic cookie, it says it is a plugin and exits 1', async () => {
  const env = pluginEnvironment();
  delete env.QUORUM_PLUGIN_MAGIC_COOKIE;
  const result = await run(ENTRYPOINT, [], env);
  assert.equal(result.code, 1);
  assert.equal(result.stderr, NOT_A_COMMAND_MESSAGE);
  assert.equal(result.stdout, '');
});

test('a wrong magic cookie is refused like a missing one', async () => {
  const result = await run(ENTRYPOINT, [], pluginEnvironment({ QUORUM_PLUGIN_MAGIC_COOKIE: 'nope' }));
  assert.equal(result.code, 1);
  assert.equal(result.stderr, NOT_A_COMMAND_MESSAGE);
});

test('without node on the PATH the entrypoint says what it needs and exits 1', async (t) => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bin-'));
  t.after(() => fs.rmSync(bin, { recursive: true, force: true }));
  const result = await run('/bin/sh', [ENTRYPOINT], pluginEnvironment({ PATH: bin }));
  assert.equal(result.code, 1);
  assert.equal(result.stderr, `helloworld-node needs Node.js 20 or newer on the PATH; PATH is ${bin}\n`);
});

test('a PLUGIN_CLIENT_CERT that is not a certificate fails the start with a message naming it', async () => {
  const result = await run(ENTRYPOINT, [], pluginEnvironment({ PLUGIN_CLIENT_CERT: 'not a pem' }));
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  const failure = logEntries(result.stderr).find((entry) => entry['@level'] === 'error');
  assert.match(failure.error, /PLUGIN_CLIENT_CERT is not a PEM certificate/);
});

test('an unknown PNODE_PLUGIN_TRANSPORT fails the start with a message naming it', async () => {
  const result = await run(ENTRYPOINT, [], pluginEnvironment({ PNODE_PLUGIN_TRANSPORT: 'udp' }));
  assert.equal(result.code, 1);
  const failure = logEntries(result.stderr).find((entry) => entry['@level'] === 'error');
  assert.equal(failure.error, 'PNODE_PLUGIN_TRANSPORT must be "unix" or "tcp", got "udp"');
});

test('with AutoMTLS over a unix socket it greets in the configured language', async (t) => {
  const host = await createHost();
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-'));
  const plugin = await host.start({ PLUGIN_UNIX_SOCKET_DIR: socketDir });
  t.after(async () => {
    await plugin.stop();
    fs.rmSync(socketDir, { recursive: true, force: true });
  });
  const { handshake } = plugin;

  assert.equal(handshake.core, '1');
  assert.equal(handshake.app, '1');
  assert.equal(handshake.network, 'unix');
  assert.equal(path.dirname(handshake.address), socketDir);
  assert.ok(fs.statSync(handshake.address).isSocket());
  assert.equal(handshake.protocol, 'grpc');
  assert.doesNotMatch(handshake.certificate, /=/, 'go-plugin decodes the cert with RawStdEncoding');
  const serverCertificate = new X509Certificate(Buffer.from(handshake.certificate, 'base64'));
  assert.equal(serverCertificate.subjectAltName, 'DNS:localhost');

  const { call, close } = connect(handshake, host.certificate);
  t.after(close);
  assert.deepEqual(await call('Health', 'check', { service: 'plugin' }), { status: 'SERVING' });
  await assert.rejects(call('PluginGreeting', 'greeting', { msg: 'world' }),
    { code: grpc.status.FAILED_PRECONDITION });

  await call('PluginInitializer', 'init', { hostIdentity: 'test-node', rawConfiguration: config({ language: 'en' }) });
  assert.deepEqual(await call('PluginGreeting', 'greeting', { msg: 'world' }), { msg: 'Hello world!' });

  await call('PluginInitializer', 'init', { hostIdentity: 'test-node', rawConfiguration: config({ language: 'es' }) });
  assert.deepEqual(await call('PluginGreeting', 'greeting', { msg: 'world' }), { msg: 'Hola world!' });
});

test('a bad configuration is refused with INVALID_ARGUMENT and the previous one stays', async (t) => {
  const { call } = await startConnectedPlugin(t);

  await call('PluginInitializer', 'init', { rawConfiguration: config({ language: 'es' }) });
  await assert.rejects(call('PluginInitializer', 'init', { rawConfiguration: config({ language: 'fr' }) }),
    { code: grpc.status.INVALID_ARGUMENT, details: /"language" must be one of en, es, got "fr"/ });
  await assert.rejects(call('PluginInitializer', 'init', { rawConfiguration: Buffer.from('{oops') }),
    { code: grpc.status.INVALID_ARGUMENT, details: /configuration is not JSON/ });
  assert.deepEqual(await call('PluginGreeting', 'greeting', { msg: 'mundo' }), { msg: 'Hola mundo!' });
});

test('health knows the whole server and "plugin", and no other service', async (t) => {
  const { call } = await startConnectedPlugin(t);

  assert.deepEqual(await call('Health', 'check', { service: '' }), { status: 'SERVING' });
  await assert.rejects(call('Health', 'check', { service: 'other' }), { code: grpc.status.NOT_FOUND });
});

test('a client without the host certificate is refused', async (t) => {
  const { plugin } = await startPlugin(t);

  const anonymous = connect(plugin.handshake, null);
  t.after(anonymous.close);
  await assert.rejects(anonymous.call('Health', 'check', { service: 'plugin' }), { code: grpc.status.UNAVAILABLE });

  const stranger = connect(plugin.handshake, (await createHost()).certificate);
  t.after(stranger.close);
  await assert.rejects(stranger.call('Health', 'check', { service: 'plugin' }), { code: grpc.status.UNAVAILABLE });
});

test('Shutdown answers, then the plugin exits 0 and removes its socket', async (t) => {
  const { plugin, call } = await startConnectedPlugin(t);

  assert.deepEqual(await call('GRPCController', 'shutdown', {}), {});
  assert.equal(await plugin.exited, 0);
  assert.equal(fs.existsSync(plugin.handshake.address), false);
});

test('the stdio stream stays open and empty until Shutdown, then ends cleanly', async (t) => {
  const { plugin, call, clients } = await startConnectedPlugin(t);

  const received = [];
  const stream = clients.GRPCStdio.streamStdio({});
  stream.on('data', (data) => received.push(data));
  let ended = false;
  const status = new Promise((resolve) => stream.on('status', (result) => { ended = true; resolve(result); }));
  assert.deepEqual(await call('Health', 'check', { service: 'plugin' }), { status: 'SERVING' });
  assert.equal(ended, false, 'the stdio stream ended before Shutdown');

  await call('GRPCController', 'shutdown', {});
  assert.equal((await status).code, grpc.status.OK);
  assert.deepEqual(received, []);
  assert.equal(await plugin.exited, 0);
});

test('SIGTERM stops the plugin and removes its socket', async (t) => {
  const { plugin } = await startPlugin(t);
  plugin.child.kill('SIGTERM');
  assert.equal(await plugin.exited, 0);
  assert.equal(fs.existsSync(plugin.handshake.address), false);
});

test('with PNODE_PLUGIN_TRANSPORT=tcp it listens on 127.0.0.1 within the port range', async (t) => {
  const { plugin, call } = await startConnectedPlugin(t,
    { PNODE_PLUGIN_TRANSPORT: 'tcp', PLUGIN_MIN_PORT: '20000', PLUGIN_MAX_PORT: '20999' });
  const { handshake } = plugin;

  assert.equal(handshake.network, 'tcp');
  const [hostName, port] = handshake.address.split(':');
  assert.equal(hostName, '127.0.0.1');
  assert.ok(Number(port) >= 20000 && Number(port) <= 20999, `port ${port} outside 20000..20999`);
  await call('PluginInitializer', 'init', { rawConfiguration: config({ language: 'en' }) });
  assert.deepEqual(await call('PluginGreeting', 'greeting', { msg: 'tcp' }), { msg: 'Hello tcp!' });
});

test('without PLUGIN_CLIENT_CERT it serves plaintext and announces no certificate', async (t) => {
  const plugin = await startProcess(ENTRYPOINT, [], pluginEnvironment());
  t.after(plugin.stop);
  assert.equal(plugin.handshake.certificate, '');
  assert.match(plugin.handshake.line, /\|grpc\|$/);

  const { call, close } = connect(plugin.handshake, null);
  t.after(close);
  assert.deepEqual(await call('Health', 'check', { service: 'plugin' }), { status: 'SERVING' });
});

test('a host that does not list version 1 still gets version 1 offered, with a warning', async (t) => {
  const { plugin } = await startPlugin(t, { PLUGIN_PROTOCOL_VERSIONS: '2,3' });
  assert.equal(plugin.handshake.app, '1');
  const warning = plugin.stderrLines.map((line) => JSON.parse(line)).find((entry) => entry['@level'] === 'warn');
  assert.match(warning['@message'], /host does not accept this plugin's protocol version/);
});

test('its stderr is hclog JSON lines', async (t) => {
  const { plugin } = await startPlugin(t);
  plugin.child.kill('SIGTERM');
  await plugin.exited;
  assert.ok(plugin.stderrLines.length > 0);
  for (const line of plugin.stderrLines) {
    const entry = JSON.parse(line);
    assert.deepEqual(Object.keys(entry).slice(0, 4), ['@level', '@message', '@module', '@timestamp']);
    assert.equal(entry['@module'], 'helloworld-node');
  }
});

test('it does not outlive its host: when the host dies it exits and removes its socket', async (t) => {
  const host = await createHost();
  // An intermediate "host" process starts the plugin, reports its pid, and is then killed.
  const launcher = `
    const child = require('node:child_process').spawn(${JSON.stringify(ENTRYPOINT)}, [], { stdio: 'inherit' });
    console.log('plugin-pid ' + child.pid);
    setInterval(() => {}, 1000);`;
  const env = pluginEnvironment({ PLUGIN_CLIENT_CERT: host.certificate.certificatePem });
  const intermediate = await startProcess(process.execPath, ['-e', launcher], env);
  t.after(intermediate.stop);
  intermediate.child.kill('SIGKILL');
  // The pipe closes when the last writer, the plugin, has exited.
  await intermediate.stdoutClosed;
  assert.equal(fs.existsSync(intermediate.handshake.address), false);
  assert.ok(intermediate.stdoutLines.some((line) => line.startsWith('plugin-pid ')));
});
