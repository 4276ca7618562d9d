package dev.pnode.host.discovery;

import dev.pnode.api.DownloadProgress;
import dev.pnode.api.observation.Observers;
import dev.pnode.api.observation.PluginObserver;
import dev.pnode.central.CentralConfig;
import dev.pnode.central.CentralException;
import dev.pnode.central.Platform;
import dev.pnode.central.PluginCentral;
import dev.pnode.central.Verification;
import dev.pnode.host.settings.CentralSettings;
import dev.pnode.host.settings.ProviderSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Installs missing plugins from the plugin central named in the settings (download, SHA-256, OpenPGP signature,
 * atomic move) and re-checks installed zips against the digest recorded when they were downloaded.
 */
public final class CentralPluginSource implements PluginSource {

    private static final System.Logger LOG = System.getLogger(CentralPluginSource.class.getName());

    /** Told about each download, for metrics. */
    private static final Observers<PluginObserver> OBSERVERS = Observers.of(PluginObserver.class,
            CentralPluginSource.class);

    private final PluginCentral central;

    public CentralPluginSource(Platform platform) {
        this.central = new PluginCentral(platform.os(), platform.arch());
    }

    @Override
    public Path install(ProviderSettings provider, CentralSettings settings, Path baseDir) throws DiscoveryException {
        try {
            CentralConfig config = config(settings);
            return downloaded(provider.name(), provider.version(), provider.artifact().isPresent()
                    ? central.installArtifact(config, provider.artifact().get(), provider.name(), provider.version(),
                            baseDir, DownloadProgress.NONE)
                    : central.install(config, provider.name(), provider.version(), baseDir));
        } catch (CentralException e) {
            downloadFailed(provider.name(), provider.version(), e);
            throw new DiscoveryException("plugin " + provider.label() + " is not in " + baseDir
                    + " and the plugin central could not provide it: " + e.getMessage(), e);
        }
    }

    /** Downloads and verifies {@code name version} into {@code baseDir} for {@code plugin:install}, with progress. */
    public Path install(String name, String version, CentralSettings settings, Path baseDir, DownloadProgress progress)
            throws DiscoveryException {
        try {
            return downloaded(name, version, central.install(config(settings), name, version, baseDir, progress));
        } catch (CentralException e) {
            downloadFailed(name, version, e);
            throw new DiscoveryException("installing plugin " + name + " " + version + " from the plugin central"
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static Path downloaded(String name, String version, Path zip) {
        OBSERVERS.tell(observer -> observer.pluginDownloadEnded(name, version, "installed"));
        return zip;
    }

    private static void downloadFailed(String name, String version, CentralException failure) {
        OBSERVERS.tell(observer -> observer.pluginDownloadEnded(name, version,
                failure.failure().name().toLowerCase(Locale.ROOT)));
    }

    /**
     * Refuses a zip that changed since the central installed it (zips put there by hand have no record). The zip's
     * SHA-256 is computed again only when the zip or its digest record changed on disk since the last check that
     * passed: {@code <zip>.checked} beside them holds how both looked then ({@link ExtractionStamp}'s size, mode,
     * times, inode and device; writing or replacing either sets its change time, which only the kernel sets). Hashing
     * the default Java plugin's 24 MB zip kept a restart waiting 8-340 ms in a cold node JVM (BENCHMARKS.md, "Node
     * startup, session 11"); what the stamp trusts is in the bundle's README.
     */
    @Override
    public void verifyInstalled(Path zip) throws DiscoveryException {
        List<Path> checked = List.of(zip, PluginCentral.digestRecordOf(zip));
        Path stamp = checkedStampOf(zip);
        Optional<String> before = ExtractionStamp.describeFiles(checked);
        if (before.isPresent() && ExtractionStamp.holds(stamp, before.get())) {
            return;
        }
        try {
            PluginCentral.verifyRecordedDigest(zip);
        } catch (CentralException e) {
            throw new DiscoveryException(e.getMessage(), e);
        }
        // only what was hashed: a zip or record that changed while the check ran is checked again next time
        if (before.isPresent() && before.equals(ExtractionStamp.describeFiles(checked))) {
            try {
                ExtractionStamp.write(before.get(), stamp);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot record the checked zip {0} (the next start checks it again):"
                        + " {1}", zip, e.toString());
            }
        }
    }

    /** Beside an installed zip: how it and its digest record looked after the last digest check that passed. */
    static Path checkedStampOf(Path zip) {
        return zip.resolveSibling(zip.getFileName() + ".checked");
    }

    static CentralConfig config(CentralSettings settings) throws DiscoveryException {
        try {
            return CentralConfig.defaults(URI.create(settings.baseUrl()))
                    .withVerification(verification(settings))
                    .withCertFingerprint(settings.certFingerprint().isEmpty() ? null : settings.certFingerprint())
                    .withInsecureSkipTlsVerify(settings.insecureSkipTlsVerify())
                    .withPathTemplates(settings.pluginDistPathTemplate(), settings.pluginSigPathTemplate())
                    .withMaven(settings.maven().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new DiscoveryException("plugin central settings are unusable: " + e.getMessage(), e);
        }
    }

    /** skipVerify: none (the central warns on every download); publicKeyFile: local key; else the online key. */
    static Verification verification(CentralSettings settings) {
        if (settings.skipVerify()) {
            return Verification.skip();
        }
        return settings.publicKeyFile().map(Verification::localKey)
                .orElseGet(() -> Verification.online(URI.create(settings.publicKeyUri())));
    }
}
