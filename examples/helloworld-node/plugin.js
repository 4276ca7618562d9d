'use strict';
// The Quorum helloworld plugin as a go-plugin gRPC server written by hand in Node.js: a go-plugin
// host (Quorum, pnode, any Go program using hashicorp/go-plugin) starts it, reads the handshake
// line from stdout and talks gRPC to it over a unix socket (or TCP), with AutoMTLS when the host
// sends PLUGIN_CLIENT_CERT.

// Checked before loading any dependency: an older node would fail there with a puzzling error.
const NODE_MAJOR_NEEDED = 20;
if (Number(process.versions.node.split('.')[0]) < NODE_MAJOR_NEEDED) {
  process.stderr.write(`helloworld-node needs Node.js ${NODE_MAJOR_NEEDED} or newer, found ${process.version}`
    + ` at ${process.execPath}\n`);
  process.exit(1);
}

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
const { createStopper, stopWhenHostGoes } = require('./lib/lifecycle');

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

function negotiate() {
  const negotiation = negotiateProtocolVersion(process.env.PLUGIN_PROTOCOL_VERSIONS);
  for (const text of negotiation.invalid) {
    log.warn('host sent an invalid plugin protocol version', { version: text });
  }
  if (!negotiation.agreed) {
    log.warn('host does not accept this plugin\'s protocol version; offering it anyway so the host can report it',
      { served: negotiation.version, host: negotiation.hostVersions.join(',') });
  }
  return negotiation.version;
}

async function main() {
  if (!hasMagicCookie(process.env)) {
    process.stderr.write(NOT_A_COMMAND_MESSAGE);
    process.exit(1);
  }
  const appVersion = negotiate();
  const { credentials, certificateDer } = await serverCredentials(process.env.PLUGIN_CLIENT_CERT);

  const server = new grpc.Server();
  const stopper = createStopper({ server, log, beforeShutdown: () => pluginServices.endStreams() });
  const pluginServices = addPluginServices(server, {
    services: loadServices(),
    greeter: new Greeter(),
    log,
    onShutdownRequested: () => stopper.stop('GRPCController/Shutdown'),
  });

  const endpoint = await listen(server, credentials);
  stopper.socketBound(endpoint.socketPath);
  stopWhenHostGoes(stopper.stop, log);

  log.debug('plugin address', { network: endpoint.network, address: endpoint.address });
  process.stdout.write(handshakeLine({
    appVersion, network: endpoint.network, address: endpoint.address, certificateDer,
  }) + '\n');
}

main().catch((error) => {
  log.error('plugin init error', { error });
  process.exit(1);
});
