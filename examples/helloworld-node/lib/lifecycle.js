'use strict';
// How the plugin process ends: gracefully on the host's request, and by itself whenever the host
// is gone, so it never outlives the host and never leaves its socket behind.
const fs = require('node:fs');

const GRACEFUL_STOP_MS = 2000;
const HOST_WATCH_INTERVAL_MS = 1000;

function removeSocket(socketPath) {
  if (!socketPath) return;
  try {
    fs.unlinkSync(socketPath);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}

/**
 * @param server grpc.Server
 * @param beforeShutdown ends long-lived streams so the graceful shutdown can complete
 * @returns {{stop: (reason: string, exitCode?: number) => void, socketBound: (path: string|null) => void}}
 *   stop is idempotent: graceful for up to 2 s, then forced; then the process exits.
 */
function createStopper({ server, log, beforeShutdown }) {
  let socketPath = null;
  let stopping = false;
  process.on('exit', () => removeSocket(socketPath));

  const stop = (reason, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = exitCode;
    log.info('stopping', { reason });
    const finish = () => {
      removeSocket(socketPath);
      process.exit(exitCode);
    };
    setTimeout(() => {
      server.forceShutdown();
      finish();
    }, GRACEFUL_STOP_MS).unref();
    beforeShutdown();
    server.tryShutdown(finish);
  };
  return { stop, socketBound: (path) => { socketPath = path; } };
}

/** Stops on SIGTERM/SIGHUP, broken stdio pipes or re-parenting; ignores SIGINT like go-plugin. */
function stopWhenHostGoes(stop, log) {
  // An interrupt aimed at the host's terminal must not kill the plugin before the host has shut
  // it down; the host uses Shutdown or a kill.
  process.on('SIGINT', () => log.debug('plugin received interrupt signal, ignoring'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  // The host reads our stdout and stderr; when those pipes break the host is gone.
  process.stdout.on('error', () => stop('stdout closed', 1));
  process.stderr.on('error', () => stop('stderr closed', 1));
  // When the host dies we are re-parented (to init or a subreaper).
  const hostPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== hostPid) stop(`host process ${hostPid} exited`, 1);
  }, HOST_WATCH_INTERVAL_MS).unref();
}

module.exports = { createStopper, stopWhenHostGoes };
