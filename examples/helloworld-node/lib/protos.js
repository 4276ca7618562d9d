'use strict';
// Loads the service definitions the plugin serves from ./proto (copies packaged with the plugin).
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_DIR = path.join(__dirname, '..', 'proto');
const FILES = [
  'grpc/health/v1/health.proto',
  'goplugin/grpc_controller.proto',
  'goplugin/grpc_stdio.proto',
  'quorum/init.proto',
  'quorum/helloworld.proto',
];

function loadServices() {
  const definition = protoLoader.loadSync(FILES, {
    includeDirs: [PROTO_DIR],
    keepCase: true,
    enums: String,
    defaults: true,
  });
  const root = grpc.loadPackageDefinition(definition);
  return {
    Health: root.grpc.health.v1.Health,
    GRPCController: root.plugin.GRPCController,
    GRPCStdio: root.plugin.GRPCStdio,
    PluginInitializer: root.proto_common.PluginInitializer,
    PluginGreeting: root.proto.PluginGreeting,
  };
}

module.exports = { loadServices };
