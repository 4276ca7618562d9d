'use strict';
// A minimal go-plugin host for the tests: starts the plugin through its packaged entrypoint,
// reads the handshake line and talks to it with grpc-js, with its own AutoMTLS certificate.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const readline = require('node:readline');
const grpc = require('@grpc/grpc-js');
const { QUORUM_HANDSHAKE } = require('../../lib/handshake');
const { loadServices } = require('../../lib/protos');
const { generateEphemeralCertificate } = require('../../lib/certificate');

const EXAMPLE_DIR = path.resolve(__dirname, '..', '..');
const ENTRYPOINT = path.join(EXAMPLE_DIR, 'helloworld-node');
const CALL_DEADLINE_MS = 10000;

const services = loadServices();

function pluginEnvironment(extra = {}) {
  return {
    PATH: process.env.PATH,
    [QUORUM_HANDSHAKE.magicCookieKey]: QUORUM_HANDSHAKE.magicCookieValue,
    PLUGIN_PROTOCOL_VERSIONS: '1',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    ...extra,
  };
}

/** Runs a command to completion; resolves {code, stdout, stderr}. */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function parseHandshake(line) {
  const [core, app, network, address, protocol, certificate] = line.split('|');
  return { line, core, app, network, address, protocol, certificate };
}

/**
 * Starts a process whose stdout carries a plugin handshake line; resolves once the line is read.
 * Its unix socket goes to a fresh directory unless env names one; stop() ends the process with
 * SIGTERM (so it cleans up like under a real host) and removes that directory.
 * @returns {{child, handshake, stdoutLines: string[], stderrLines: string[], exited: Promise,
 *   stdoutClosed: Promise<void>, stop: () => Promise<void>}}
 */
function startProcess(command, args, env) {
  const socketDir = env.PLUGIN_UNIX_SOCKET_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'hw-'));
  const child = spawn(command, args, {
    env: socketDir ? { ...env, PLUGIN_UNIX_SOCKET_DIR: socketDir } : env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutLines = [];
  const stderrLines = [];
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const stdoutClosed = new Promise((resolve) => child.stdout.on('end', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    if (socketDir) fs.rmSync(socketDir, { recursive: true, force: true });
  };
  readline.createInterface({ input: child.stderr }).on('line', (line) => stderrLines.push(line));
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      stdoutLines.push(line);
      if (line.startsWith('1|')) {
        resolve({ child, handshake: parseHandshake(line), stdoutLines, stderrLines, exited, stdoutClosed, stop });
      }
    });
    child.on('error', reject);
    exited.then((code) => reject(new Error(
      `plugin exited (${code}) before its handshake; stderr:\n${stderrLines.join('\n')}`)));
  });
}

/** A host identity like go-plugin's client: its own ephemeral certificate. */
async function createHost() {
  const certificate = await generateEphemeralCertificate();
  return {
    certificate,
    start(extraEnv = {}) {
      return startProcess(ENTRYPOINT, [], pluginEnvironment({
        PLUGIN_CLIENT_CERT: certificate.certificatePem,
        ...extraEnv,
      }));
    },
  };
}

function pemOf(base64Der) {
  const body = Buffer.from(base64Der, 'base64').toString('base64').match(/.{1,64}/g).join('\n');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

function target(handshake) {
  return handshake.network === 'unix' ? `unix:${handshake.address}` : handshake.address;
}

/** gRPC clients for every service of a started plugin; `clientCertificate` null = present none. */
function connect(handshake, clientCertificate) {
  let credentials;
  if (handshake.certificate === '') {
    credentials = grpc.credentials.createInsecure();
  } else if (clientCertificate) {
    credentials = grpc.credentials.createSsl(Buffer.from(pemOf(handshake.certificate)),
      Buffer.from(clientCertificate.privateKeyPem), Buffer.from(clientCertificate.certificatePem));
  } else {
    credentials = grpc.credentials.createSsl(Buffer.from(pemOf(handshake.certificate)));
  }
  const options = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
  const clients = {};
  for (const [name, Client] of Object.entries(services)) {
    clients[name] = new Client(target(handshake), credentials, options);
  }
  const call = (service, method, request) => new Promise((resolve, reject) => {
    clients[service][method](request, { deadline: Date.now() + CALL_DEADLINE_MS },
      (error, response) => (error ? reject(error) : resolve(response)));
  });
  const close = () => Object.values(clients).forEach((client) => client.close());
  return { call, close, clients };
}

/** Starts a plugin for test t under a fresh host identity; stopped when the test ends. */
async function startPlugin(t, extraEnv = {}) {
  const host = await createHost();
  const plugin = await host.start(extraEnv);
  t.after(plugin.stop);
  return { host, plugin };
}

/** startPlugin, connected as its host; the clients close when the test ends. */
async function startConnectedPlugin(t, extraEnv = {}) {
  const { host, plugin } = await startPlugin(t, extraEnv);
  const connection = connect(plugin.handshake, host.certificate);
  t.after(connection.close);
  return { host, plugin, ...connection };
}

module.exports = {
  EXAMPLE_DIR, ENTRYPOINT, pluginEnvironment, run, startProcess, createHost, connect, startPlugin, startConnectedPlugin,
};
