package dev.pnode.host.discovery;

import dev.pnode.host.settings.CentralSettings;
import dev.pnode.host.settings.ProviderSettings;
import java.nio.file.Path;

/** Fetches a plugin zip that is not in the base directory yet, e.g. from the plugin central. */
public interface PluginSource {

    /**
     * Downloads and verifies the provider's zip and moves it into {@code baseDir} only when it verified.
     *
     * @return the installed zip
     */
    Path install(ProviderSettings provider, CentralSettings central, Path baseDir) throws DiscoveryException;

    /** Checks a zip found in the base directory before every start, e.g. against a digest recorded at install. */
    default void verifyInstalled(Path zip) throws DiscoveryException {
    }
}
