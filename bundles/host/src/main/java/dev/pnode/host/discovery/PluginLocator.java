package dev.pnode.host.discovery;

import dev.pnode.central.Platform;
import dev.pnode.host.settings.PluginStore;
import dev.pnode.host.settings.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a provider's zip in the base directory: {@code <name>-<version>.zip}, else Quorum's
 * {@code <name>-<version>-<os>-<arch>.zip}; when neither is there, asks the plugin central if one is configured.
 */
public final class PluginLocator {

    private final Platform platform;
    private final Optional<PluginSource> central;

    /** @param central the plugin central client (installs missing zips, re-checks installed ones), if available */
    public PluginLocator(Platform platform, Optional<PluginSource> central) {
        this.platform = platform;
        this.central = central;
    }

    /** The zip file names looked for, in order of preference. */
    public List<String> candidateNames(ProviderSettings provider) {
        return candidateNames(provider.name(), provider.version());
    }

    /** The zip file names looked for, in order of preference. */
    public List<String> candidateNames(String name, String version) {
        String base = name + "-" + version;
        return List.of(base + ".zip", base + "-" + platform.os() + "-" + platform.arch() + ".zip");
    }

    /** The plugin's zip in {@code baseDir} under the first of the {@linkplain #candidateNames names} that is there. */
    public Optional<Path> findInBaseDir(String name, String version, Path baseDir) {
        return candidateNames(name, version).stream().map(baseDir::resolve).filter(Files::isRegularFile).findFirst();
    }

    /**
     * Finds the provider's zip in the base directory, or installs it from the central (verified on the way). A zip
     * that was already there is not re-checked here: {@link LocatedZip#verify()} does that, so that a caller can
     * run the check beside other work.
     */
    public LocatedZip locate(ProviderSettings provider, PluginStore store) throws DiscoveryException {
        Optional<Path> found = findInBaseDir(provider.name(), provider.version(), store.baseDir());
        if (found.isPresent()) {
            return new LocatedZip(found.get(), central);
        }
        String notFound = "plugin zip for " + provider.label() + " not found in " + store.baseDir()
                + " (looked for " + String.join(", ", candidateNames(provider)) + ")";
        if (store.central().isEmpty()) {
            throw new DiscoveryException(notFound + " and no central configured");
        }
        if (central.isEmpty()) {
            throw new DiscoveryException(notFound + "; a central is configured but no plugin central client is installed");
        }
        return new LocatedZip(central.get().install(provider, store.central().get(), store.baseDir()),
                Optional.empty());
    }

    /** A provider's zip; {@link #verify()} re-checks one found in the base directory before it is used. */
    public record LocatedZip(Path zip, Optional<PluginSource> recheckedBy) {

        /** Checks the zip against the source that installed it (its recorded digest); nothing for a fresh install. */
        public void verify() throws DiscoveryException {
            if (recheckedBy.isPresent()) {
                recheckedBy.get().verifyInstalled(zip);
            }
        }
    }
}
