'use strict';
// The gRPC services a go-plugin host calls on a helloworld plugin: go-plugin's internals (health
// under the name "plugin", controller shutdown, stdio) and the Quorum contract (Init, Greeting).
const grpc = require('@grpc/grpc-js');
const { ConfigurationError, NotInitializedError } = require('./greeter');

// go-plugin's GRPCServiceName; "" is the whole server, as in grpc-go's health server.
const HEALTHY_SERVICES = new Set(['', 'plugin']);

function rpcError(code, message) {
  return { code, details: message };
}

/**
 * @param server grpc.Server to add the services to
 * @param services loaded definitions (lib/protos.js)
 * @param greeter lib/greeter.js Greeter
 * @param log hclog logger
 * @param onShutdownRequested called after the Shutdown reply has been sent
 * @returns {{endStreams: () => void}} endStreams closes open server streams so the server can stop
 */
function addPluginServices(server, { services, greeter, log, onShutdownRequested }) {
  const stdioStreams = new Set();
  server.addService(services.Health.service, {
    Check(call, callback) {
      const { service } = call.request;
      if (!HEALTHY_SERVICES.has(service)) {
        callback(rpcError(grpc.status.NOT_FOUND, `unknown service ${JSON.stringify(service)}`));
        return;
      }
      callback(null, { status: 'SERVING' });
    },
  });

  server.addService(services.GRPCController.service, {
    Shutdown(call, callback) {
      log.info('shutdown requested by the host');
      callback(null, {});
      setImmediate(onShutdownRequested);
    },
  });

  // go-plugin >= 1.1 hosts open this stream to copy a plugin's redirected stdout/stderr, and warn
  // when it is missing. This plugin writes straight to the host's pipes, so the stream stays empty
  // and open until the plugin stops.
  server.addService(services.GRPCStdio.service, {
    StreamStdio(call) {
      stdioStreams.add(call);
      call.on('cancelled', () => stdioStreams.delete(call));
    },
  });

  server.addService(services.PluginInitializer.service, {
    Init(call, callback) {
      const { hostIdentity, rawConfiguration } = call.request;
      try {
        const language = greeter.init(rawConfiguration);
        log.info('initialized', { hostIdentity, language });
        callback(null, {});
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        log.error('rejected configuration', { hostIdentity, error });
        callback(rpcError(grpc.status.INVALID_ARGUMENT, error.message));
      }
    },
  });

  server.addService(services.PluginGreeting.service, {
    Greeting(call, callback) {
      try {
        callback(null, { msg: greeter.greet(call.request.msg) });
      } catch (error) {
        if (!(error instanceof NotInitializedError)) throw error;
        callback(rpcError(grpc.status.FAILED_PRECONDITION, error.message));
      }
    },
  });

  return {
    endStreams() {
      for (const call of stdioStreams) call.end();
      stdioStreams.clear();
    },
  };
}

module.exports = { addPluginServices };
