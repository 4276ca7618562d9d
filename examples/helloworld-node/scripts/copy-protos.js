'use strict';
// Copies the Quorum and go-plugin protos this plugin serves from the reactor's proto module into
// ./proto, so the example (and the zip built from it) carries its own copies and the module
// stays the single source of truth.
const fs = require('node:fs');
const path = require('node:path');

const exampleDir = path.resolve(__dirname, '..');
const sourceRoot = path.resolve(exampleDir, '../../proto/src/main/proto');
const NEEDED = [
  'quorum/init.proto',
  'quorum/helloworld.proto',
  'goplugin/grpc_controller.proto',
  'goplugin/grpc_stdio.proto',
];

for (const relative of NEEDED) {
  const source = path.join(sourceRoot, relative);
  const target = path.join(exampleDir, 'proto', relative);
  if (!fs.existsSync(source)) {
    throw new Error(`cannot copy ${relative}: ${source} does not exist (run from a pnode checkout)`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
}
