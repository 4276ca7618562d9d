'use strict';
// Where the plugin's gRPC server listens, chosen like go-plugin's serverListener: a fresh unix
// socket "plugin<random>" in PLUGIN_UNIX_SOCKET_DIR (or the temp dir), or, when the host asks for
// TCP (PNODE_PLUGIN_TRANSPORT=tcp), the first free 127.0.0.1 port in PLUGIN_MIN_PORT..PLUGIN_MAX_PORT.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomInt } = require('node:crypto');

// sun_path is 108 bytes on Linux, including the terminating NUL.
const MAX_UNIX_SOCKET_PATH_BYTES = 107;
const SOCKET_NAME_ATTEMPTS = 100;

function bind(server, target, credentials) {
  return new Promise((resolve, reject) => {
    server.bindAsync(target, credentials, (error, port) => (error ? reject(error) : resolve(port)));
  });
}

function parsePort(env, name) {
  const text = env[name];
  if (text === undefined || text === '') return 0;
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new Error(`${name} must be a port number 0..65535, got "${text}"`);
  }
  return Number(text);
}

async function listenTcp(server, credentials, env) {
  const minPort = parsePort(env, 'PLUGIN_MIN_PORT');
  const maxPort = parsePort(env, 'PLUGIN_MAX_PORT');
  if (minPort > maxPort) {
    throw new Error(`PLUGIN_MIN_PORT value of ${minPort} is greater than PLUGIN_MAX_PORT value of ${maxPort}`);
  }
  for (let port = minPort; port <= maxPort; port++) {
    try {
      const bound = await bind(server, `127.0.0.1:${port}`, credentials);
      return { network: 'tcp', address: `127.0.0.1:${bound}`, socketPath: null };
    } catch {
      // port taken: try the next one, as go-plugin does
    }
  }
  throw new Error(`couldn't bind plugin TCP listener: no free port in ${minPort}..${maxPort}`);
}

async function listenUnix(server, credentials, env) {
  const directory = env.PLUGIN_UNIX_SOCKET_DIR || os.tmpdir();
  for (let attempt = 0; attempt < SOCKET_NAME_ATTEMPTS; attempt++) {
    const socketPath = path.resolve(directory, `plugin${randomInt(1e9)}`);
    if (Buffer.byteLength(socketPath) > MAX_UNIX_SOCKET_PATH_BYTES) {
      throw new Error(`unix socket path ${socketPath} is longer than ${MAX_UNIX_SOCKET_PATH_BYTES} bytes;`
        + ' set PLUGIN_UNIX_SOCKET_DIR to a shorter directory');
    }
    if (fs.existsSync(socketPath)) continue;
    await bind(server, `unix:${socketPath}`, credentials);
    return { network: 'unix', address: socketPath, socketPath };
  }
  throw new Error(`couldn't find a free unix socket name in ${directory}`);
}

/**
 * Binds the server and reports where: {network: 'unix'|'tcp', address, socketPath|null}.
 */
function listen(server, credentials, env = process.env) {
  const transport = env.PNODE_PLUGIN_TRANSPORT || 'unix';
  if (transport === 'tcp') return listenTcp(server, credentials, env);
  if (transport === 'unix') return listenUnix(server, credentials, env);
  return Promise.reject(new Error(`PNODE_PLUGIN_TRANSPORT must be "unix" or "tcp", got "${transport}"`));
}

module.exports = { listen };
