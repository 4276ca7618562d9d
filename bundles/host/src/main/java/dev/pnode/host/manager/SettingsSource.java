package dev.pnode.host.manager;

import dev.pnode.api.PluginException;
import dev.pnode.host.settings.CentralSettings;
import dev.pnode.host.settings.PluginSettings;
import dev.pnode.host.settings.SettingsException;
import dev.pnode.host.settings.SettingsLoader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The plugin settings file ({@code pnode.plugins}), read afresh for the host's start, every reload and every install;
 * says each time it is read when downloads go unchecked.
 */
final class SettingsSource {

    private static final System.Logger LOG = System.getLogger(SettingsSource.class.getName());

    private final Optional<Path> file;
    private final SettingsLoader loader;

    /** @param file empty when {@code pnode.plugins} is not set: the node runs no plugins */
    SettingsSource(Optional<Path> file, SettingsLoader loader) {
        this.file = file;
        this.loader = loader;
    }

    Optional<Path> file() {
        return file;
    }

    /** The file's name for messages, or "the plugin settings" when there is none. */
    String describe() {
        return file.map(Path::toString).orElse("the plugin settings");
    }

    /** Reads the file, which must be configured ({@link #file()} present). */
    PluginSettings read() throws SettingsException {
        PluginSettings loaded = loader.load(file.orElseThrow());
        warnIfSignaturesUnchecked(loaded);
        return loaded;
    }

    /** {@link #read()} for the admin operations: a missing file or a bad one is the operation's failure. */
    PluginSettings readForAdmin() throws PluginException {
        if (file.isEmpty()) {
            throw new PluginException("no plugin settings file is configured (" + HostParts.PLUGINS_PROPERTY
                    + " is not set)");
        }
        try {
            return read();
        } catch (SettingsException e) {
            throw new PluginException(e.getMessage(), e);
        }
    }

    /** {@code central.skipVerify} or {@code --plugins.skipverify} (the central says it on every download too). */
    private void warnIfSignaturesUnchecked(PluginSettings loaded) {
        loaded.central().filter(CentralSettings::skipVerify).ifPresent(central -> LOG.log(System.Logger.Level.WARNING,
                "plugin settings {0}: central.skipVerify (or --plugins.skipverify) is set: plugins downloaded from {1}"
                        + " are installed WITHOUT checking their signature", describe(), central.baseUrl()));
    }
}
