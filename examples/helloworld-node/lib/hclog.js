'use strict';
// Logs on stderr as hclog JSON lines, the format a go-plugin host parses and re-logs under the
// plugin's name. stdout is reserved for the handshake line.

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'];

// go-plugin hosts parse "@timestamp" with exactly this Go layout, 2006-01-02T15:04:05.000000Z07:00
// (six fraction digits); any other shape makes them drop the line's level and log it raw.
function hclogTimestamp(date) {
  return date.toISOString().replace(/Z$/, '000Z');
}

function createLogger(module, stream = process.stderr) {
  const log = (level, message, fields = {}) => {
    const entry = {
      '@level': level,
      '@message': message,
      '@module': module,
      '@timestamp': hclogTimestamp(new Date()),
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

module.exports = { createLogger, hclogTimestamp };
