package dev.pnode.host.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a provider's {@code config} comes from. It is resolved afresh on every start and reload, so a changed file
 * or variable takes effect on the next reload. {@link #toString()} describes the source without its contents
 * (configs may hold secrets and are never logged).
 */
public sealed interface ConfigSource {

    /** Largest config file read. */
    long MAX_FILE_BYTES = 1024 * 1024;

    /** @return the raw configuration handed to the plugin's {@code Init} */
    byte[] resolve() throws SettingsException;

    /** A JSON object, array or plain string written in the settings file itself. */
    record Inline(String providerKey, String text) implements ConfigSource {
        @Override
        public byte[] resolve() {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "inline config";
        }
    }

    /** {@code file://path}: a relative path resolves against the settings file's directory. */
    record FileReference(String providerKey, String uri, Path path) implements ConfigSource {
        @Override
        public byte[] resolve() throws SettingsException {
            return readConfigFile(providerKey, uri, path);
        }

        @Override
        public String toString() {
            return uri;
        }
    }

    /** {@code env://VAR} (the variable holds the config) or {@code env://VAR?type=file} (it names a file). */
    record EnvReference(String providerKey, String uri, String variable, boolean namesFile, Path relativeTo,
            Environment environment) implements ConfigSource {
        @Override
        public byte[] resolve() throws SettingsException {
            String value = environment.get(variable);
            if (value == null) {
                throw new SettingsException(
                        "config of provider '" + providerKey + "' (" + uri + "): environment variable " + variable
                                + " is not set");
            }
            if (!namesFile) {
                return value.getBytes(StandardCharsets.UTF_8);
            }
            if (value.isBlank()) {
                throw new SettingsException("config of provider '" + providerKey + "' (" + uri
                        + "): environment variable " + variable + " is empty, expected a file path");
            }
            return readConfigFile(providerKey, uri + " = " + value, relativeTo.resolve(value).normalize());
        }

        @Override
        public String toString() {
            return uri;
        }
    }

    private static byte[] readConfigFile(String providerKey, String source, Path path) throws SettingsException {
        String prefix = "config of provider '" + providerKey + "' (" + source + "): ";
        if (!Files.isRegularFile(path)) {
            throw new SettingsException(prefix + (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    ? path + " is not a regular file" : "file " + path + " does not exist"));
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new SettingsException(prefix + "file " + path + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new SettingsException(prefix + "cannot read " + path + ": " + e, e);
        }
    }
}
