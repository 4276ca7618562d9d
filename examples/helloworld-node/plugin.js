'use strict';
// The Quorum helloworld plugin as a go-plugin gRPC server written by hand in Node.js: a go-plugin
// host (Quorum, pnode, any Go program using hashicorp/go-plugin) starts it, reads the handshake
// line from stdout and talks gRPC to it over a unix socket (or TCP), with AutoMTLS when the host
// sends PLUGIN_CLIENT_CERT.
const fs = require('node:fs');
const { X509Certificate } = require('node:crypto');
const grpc = require('@grpc/grpc-js');
const { createLogger } = require('./lib/hclog');
const { generateEphemeralCertificate } = require('./lib/certificate');
const {
  NOT_A_COMMAND_MESSAGE, hasMagicCookie, negotiateProtocolVersion, handshakeLine,
} = require('./lib/handshake');
const { listen } = require('./lib/listener');
const { loadServices } = require('./lib/protos');
const { Greeter } = require('./lib/greeter');
const { addPluginServices } = require('./lib/services');

const GRACEFUL_STOP_MS = 2000;
const HOST_WATCH_INTERVAL_MS = 1000;

const log = createLogger('helloworld-node');

/** Server credentials and the certificate to announce: AutoMTLS if the host sent its cert. */
async function serverCredentials(clientCertificatePem) {
  if (!clientCertificatePem) {
    log.warn('PLUGIN_CLIENT_CERT is not set: serving gRPC without TLS');
    return { credentials: grpc.ServerCredentials.createInsecure(), certificateDer: null };
  }
  try {
    new X509Certificate(clientCertificatePem); // eslint-disable-line no-new
  } catch (error) {
    throw new Error(`PLUGIN_CLIENT_CERT is not a PEM certificate: ${error.message}`);
  }
  const own = await generateEphemeralCertificate();
  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(clientCertificatePem),
    [{ private_key: Buffer.from(own.privateKeyPem), cert_chain: Buffer.from(own.certificatePem) }],
    true); // demand a client certificate signed by (= equal to) the host's
  return { credentials, certificateDer: own.der };
}

function removeSocket(socketPath) {
  if (!socketPath) return;
  try {
    fs.unlinkSync(socketPath);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}

async function main() {
  if (!hasMagicCookie(process.env)) {
    process.stderr.write(NOT_A_COMMAND_MESSAGE);
    process.exit(1);
  }
  const negotiation = negotiateProtocolVersion(process.env.PLUGIN_PROTOCOL_VERSIONS);
  for (const text of negotiation.invalid) {
    log.warn('host sent an invalid plugin protocol version', { version: text });
  }
  if (!negotiation.agreed) {
    log.warn('host does not accept this plugin\'s protocol version; offering it anyway so the host can report it',
      { served: negotiation.version, host: negotiation.hostVersions.join(',') });
  }

  const { credentials, certificateDer } = await serverCredentials(process.env.PLUGIN_CLIENT_CERT);
  const server = new grpc.Server();
  let socketPath = null;
  let stopping = false;

  const stop = (reason, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { reason });
    const finish = () => {
      removeSocket(socketPath);
      process.exit(exitCode);
    };
    setTimeout(() => {
      server.forceShutdown();
      finish();
    }, GRACEFUL_STOP_MS).unref();
    pluginServices.endStreams();
    server.tryShutdown(finish);
  };

  const pluginServices = addPluginServices(server, {
    services: loadServices(),
    greeter: new Greeter(),
    log,
    onShutdownRequested: () => stop('GRPCController/Shutdown'),
  });

  const endpoint = await listen(server, credentials);
  socketPath = endpoint.socketPath;
  process.on('exit', () => removeSocket(socketPath));

  // Like go-plugin: an interrupt aimed at the host's terminal must not kill the plugin before the
  // host has shut it down; the host uses Shutdown or kill.
  process.on('SIGINT', () => log.debug('plugin received interrupt signal, ignoring'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  // The host reads our stdout/stderr; when those pipes break the host is gone.
  process.stdout.on('error', () => stop('stdout closed', 1));
  process.stderr.on('error', () => stop('stderr closed', 1));

  // Never outlive the host: when it dies we are re-parented (to init or a subreaper).
  const hostPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== hostPid) stop(`host process ${hostPid} exited`, 1);
  }, HOST_WATCH_INTERVAL_MS).unref();

  log.debug('plugin address', { network: endpoint.network, address: endpoint.address });
  process.stdout.write(handshakeLine({
    appVersion: negotiation.version,
    network: endpoint.network,
    address: endpoint.address,
    certificateDer,
  }) + '\n');
}

main().catch((error) => {
  log.error('plugin init error', { error });
  process.exit(1);
});
