package dev.pnode.launcher.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher's check of the plugin settings file ({@code --plugins}): it exists and is a readable file, so that
 * a wrong path fails at once with exit code 1. What the JSON says, and whether it is valid, is the plugin host's
 * business: it reads the file on every start and reload, and its errors fail the node's readiness with the file,
 * the line and the JSON path.
 */
public final class PluginSettingsFile {

    private PluginSettingsFile() {
    }

    /** Fails with a message naming the file. */
    public static void check(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            throw new ConfigException("plugin settings file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException("plugin settings file " + file + " is not a readable file");
        }
    }
}
