package dev.pnode.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin zip in the host's base directory, as {@link PluginAdmin#install} left it.
 *
 * @param name the plugin's name
 * @param version the plugin's version
 * @param zip the zip's absolute path
 * @param downloaded true when it was downloaded and verified now, false when it was already there (and re-checked)
 * @since 1.1
 */
public record InstalledPlugin(String name, String version, Path zip, boolean downloaded) {

    public InstalledPlugin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(zip, "zip");
    }
}
