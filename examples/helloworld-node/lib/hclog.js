'use strict';
// Logs on stderr as hclog JSON lines, the format a go-plugin host parses and re-logs under the
// plugin's name. stdout is reserved for the handshake line.

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'];

function createLogger(module, stream = process.stderr) {
  const log = (level, message, fields = {}) => {
    const entry = {
      '@level': level,
      '@message': message,
      '@module': module,
      '@timestamp': new Date().toISOString(),
    };
    for (const [key, value] of Object.entries(fields)) {
      entry[key] = value instanceof Error ? value.message : value;
    }
    stream.write(JSON.stringify(entry) + '\n');
  };
  const logger = {};
  for (const level of LEVELS) {
    logger[level] = (message, fields) => log(level, message, fields);
  }
  return logger;
}

module.exports = { createLogger };
