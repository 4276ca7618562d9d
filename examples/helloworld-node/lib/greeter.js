'use strict';
// The helloworld plugin's behaviour: Init takes {"language":"en"|"es"}, Greeting answers in it.

const GREETINGS = Object.freeze({ en: 'Hello', es: 'Hola' });

class ConfigurationError extends Error {}
class NotInitializedError extends Error {}

function parseConfiguration(rawConfiguration) {
  const text = Buffer.from(rawConfiguration || []).toString('utf8');
  let configuration;
  try {
    configuration = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`configuration is not JSON (${error.message}): ${JSON.stringify(text)}`);
  }
  if (configuration === null || typeof configuration !== 'object' || Array.isArray(configuration)) {
    throw new ConfigurationError(`configuration must be a JSON object like {"language":"en"}, got ${text}`);
  }
  const { language } = configuration;
  if (!Object.hasOwn(GREETINGS, language)) {
    throw new ConfigurationError(
      `configuration "language" must be one of ${Object.keys(GREETINGS).join(', ')}, got ${JSON.stringify(language)}`);
  }
  return { language };
}

class Greeter {
  #language = null;

  /** Applies a new configuration; a bad one leaves the previous one in force. */
  init(rawConfiguration) {
    this.#language = parseConfiguration(rawConfiguration).language;
    return this.#language;
  }

  greet(message) {
    if (this.#language === null) {
      throw new NotInitializedError('the plugin is not initialized: call PluginInitializer/Init first');
    }
    return `${GREETINGS[this.#language]} ${message}!`;
  }
}

module.exports = { Greeter, ConfigurationError, NotInitializedError };
