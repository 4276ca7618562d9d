package dev.pnode.central;

import dev.pnode.api.DownloadProgress;
import dev.pnode.central.CentralException.Failure;
import dev.pnode.central.internal.CentralTransfer;
import dev.pnode.central.internal.CentralTransfer.Downloaded;
import dev.pnode.central.internal.DigestRecord;
import dev.pnode.central.internal.MavenChecksum;
import dev.pnode.central.internal.MavenRepositoryFiles;
import dev.pnode.central.internal.PathTemplate;
import dev.pnode.central.internal.PluginMetaCheck;
import dev.pnode.central.internal.SignatureEvidence;
import dev.pnode.central.internal.Sha256;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Installs plugins from a central, verified, and re-checks installed zips.
 *
 * <p>{@link #install} downloads {@code <name>-<version>.zip} into a hidden temporary file in the base directory
 * ({@code .<name>-<version>-*.zip.download}, which plugin discovery must ignore), hashing it while it streams
 * (signature and key are fetched meanwhile), then checks the signature and {@code plugin-meta.json}, writes the digest record {@code <zip>.sha256} and moves
 * the zip into place with an atomic rename. Any failure deletes the temporary file: nothing that looks installed
 * is left behind, and a zip already installed under that name is not touched.
 *
 * <p>Thread-safe: it holds no state besides the platform. Two installs of the same plugin at once both
 * download and the last rename wins; each result is complete and verified.
 */
public class PluginCentral {

    private static final System.Logger LOG = System.getLogger(PluginCentral.class.getName());
    private static final Pattern NAME_OR_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private final Platform platform;

    /** A central client for this machine's OS and architecture (Go spelling: linux/darwin, amd64/arm64). */
    public PluginCentral() {
        this(Platform.current());
    }

    /** For another platform than this machine's, e.g. to prefetch plugins for a distribution. */
    public PluginCentral(String os, String arch) {
        this(new Platform(os, arch));
    }

    private PluginCentral(Platform platform) {
        this.platform = platform;
    }

    /** The file name a plugin is installed under in the base directory. */
    public static String installedFileName(String name, String version) {
        return name + "-" + version + ".zip";
    }

    /** The digest record written beside an installed zip: {@code <zip>.sha256}; delete it with the zip. */
    public static Path digestRecordOf(Path zip) {
        return DigestRecord.recordFileOf(zip);
    }

    /** Where the zip for {@code name} and {@code version} is downloaded from. */
    public URI distributionUrl(CentralConfig config, String name, String version) throws CentralException {
        return resolve(config, "pluginDistPathTemplate", config.distPathTemplate(), name, version);
    }

    /** Where the signature for {@code name} and {@code version} is downloaded from. */
    public URI signatureUrl(CentralConfig config, String name, String version) throws CentralException {
        return resolve(config, "pluginSigPathTemplate", config.sigPathTemplate(), name, version);
    }

    /**
     * Downloads, verifies and installs a plugin as {@code <baseDir>/<name>-<version>.zip}, replacing an installed
     * zip of that name only when the new one verified completely.
     *
     * @return the installed zip
     * @throws CentralException saying what failed; then nothing new is in {@code baseDir}
     */
    public Path install(CentralConfig config, String name, String version, Path baseDir) throws CentralException {
        return install(config, name, version, baseDir, DownloadProgress.NONE);
    }

    /**
     * As {@link #install(CentralConfig, String, String, Path)}, telling {@code listener} how the zip download goes
     * (after every chunk, on the downloading thread; the log gets progress lines regardless).
     * From a Maven central ({@link CentralConfig#maven()}) the plugin is the artifact {@code groupId:name:version}
     * of type zip.
     */
    public Path install(CentralConfig config, String name, String version, Path baseDir, DownloadProgress listener)
            throws CentralException {
        if (config.maven().isPresent()) {
            return installArtifact(config, config.maven().get().artifactOf(name, version), name, version, baseDir,
                    listener);
        }
        URI zipUrl = distributionUrl(config, name, version);
        URI signatureUrl = signatureUrl(config, name, version);
        return install(config, name, version, baseDir, listener, zipUrl, () -> {
            SignatureEvidence signature = SignatureEvidence.fetch(config, signatureUrl);
            return new Check(signature::close, (download, sha256Hex) -> signature.verifyDigest(zipUrl, sha256Hex));
        });
    }

    /**
     * Downloads, verifies and installs the plugin {@code name version} from a Maven repository, where it is
     * {@code artifact}: the artifact's {@code .sha256} (else {@code .sha1}) must match, and its {@code .asc}, a
     * detached signature over the zip itself, must verify per the central's {@link Verification}. Snapshots are
     * resolved through {@code maven-metadata.xml}. The zip's {@code plugin-meta.json} must name {@code name version},
     * and it is installed as {@code <baseDir>/<name>-<version>.zip}.
     */
    public Path installArtifact(CentralConfig config, MavenArtifact artifact, String name, String version,
            Path baseDir, DownloadProgress listener) throws CentralException {
        requireSafe("plugin name", name);
        requireSafe("plugin version", version);
        URI zipUrl = MavenRepositoryFiles.artifactUrl(config, artifact);
        return install(config, name, version, baseDir, listener, zipUrl, () -> {
            MavenChecksum checksum = MavenChecksum.fetch(config, zipUrl);
            SignatureEvidence signature = SignatureEvidence.fetch(config, MavenRepositoryFiles.besides(zipUrl, ".asc"));
            return new Check(() -> {
                checksum.close();
                signature.close();
            }, (download, sha256Hex) -> {
                checksum.verify(zipUrl, download, sha256Hex);
                signature.verifyFile(zipUrl, download, sha256Hex);
            });
        });
    }

    /** What proves a download genuine, fetched while it downloads; closing it ends the fetches. */
    private record Check(Runnable endFetches, Verifier verifier) implements AutoCloseable {
        @Override
        public void close() {
            endFetches.run();
        }
    }

    @FunctionalInterface
    private interface Verifier {
        void verify(Path download, String sha256Hex) throws CentralException;
    }

    @FunctionalInterface
    private interface CheckStart {
        Check start();
    }

    private Path install(CentralConfig config, String name, String version, Path baseDir, DownloadProgress listener,
            URI zipUrl, CheckStart checks) throws CentralException {
        warnAboutWeakSettings(config, name, version);
        Path target = baseDir.resolve(installedFileName(name, version));
        Path download = createTemporary(baseDir, "." + name + "-" + version + "-", ".zip.download");
        Path record = null;
        try (Check check = checks.start()) {
            LOG.log(Level.INFO, "downloading plugin {0} {1} from {2}", name, version, zipUrl);
            Downloaded zip = new CentralTransfer(config).download(zipUrl, download, listener);
            if (zip.size() == 0) {
                throw new CentralException(Failure.INCOMPLETE, zipUrl + " is empty (0 bytes, SHA-256 "
                        + Sha256.OF_NOTHING + "); not installing it");
            }
            check.verifier().verify(download, zip.sha256Hex());
            PluginMetaCheck.requireNameAndVersion(download, zipUrl.toString(), name, version);
            record = createTemporary(baseDir, "." + name + "-" + version + "-", ".sha256.download");
            writeRecord(record, target, zip.sha256Hex());
            moveAtomically(download, target);
            moveAtomically(record, digestRecordOf(target));
            LOG.log(Level.INFO, "installed plugin {0} {1} as {2} (SHA-256 {3})", name, version, target, zip.sha256Hex());
            return target;
        } finally {
            deleteQuietly(download);
            deleteQuietly(record);
        }
    }

    /**
     * Checks an installed zip against the SHA-256 recorded beside it ({@code <zip>.sha256}) when it was installed
     * from a central; call it before every plugin start so that a zip swapped after installation is refused.
     * A zip without a record was put there by hand and is accepted (the operator vouches for it); the check is
     * logged at DEBUG.
     *
     * @throws CentralException {@link Failure#DIGEST_MISMATCH} naming expected and actual digest, or
     *                          {@link Failure#LOCAL_IO} when the zip or record cannot be read
     */
    public static void verifyRecordedDigest(Path zip) throws CentralException {
        try {
            Optional<String> recorded = DigestRecord.read(zip);
            if (recorded.isEmpty()) {
                LOG.log(Level.DEBUG, "{0} has no digest record: installed by hand, not re-checked", zip);
                return;
            }
            String actual = Sha256.hexOf(zip);
            if (!actual.equals(recorded.get())) {
                throw new CentralException(Failure.DIGEST_MISMATCH, zip + " has SHA-256 " + actual + " but "
                        + digestRecordOf(zip).getFileName() + " recorded " + recorded.get()
                        + " when it was installed: the zip was changed or replaced since; delete both files to"
                        + " download it again, or only the .sha256 file to accept the zip as installed by hand");
            }
        } catch (NoSuchFileException e) {
            throw new CentralException(Failure.LOCAL_IO, "cannot check " + zip + ": no such file", e);
        } catch (IOException e) {
            throw new CentralException(Failure.LOCAL_IO, "cannot check " + zip + ": " + e.getMessage(), e);
        }
    }

    private URI resolve(CentralConfig config, String settingName, String template, String name, String version)
            throws CentralException {
        requireSafe("plugin name", name);
        requireSafe("plugin version", version);
        try {
            String path = PathTemplate.parse(settingName, template).render(name, version, platform);
            return config.baseUrl().resolve(path);
        } catch (IllegalArgumentException e) {
            throw new CentralException(Failure.CONFIGURATION, settingName + " gives no usable URL for " + name
                    + " " + version + ": " + e.getMessage(), e);
        }
    }

    private static void requireSafe(String what, String value) throws CentralException {
        if (value == null || !NAME_OR_VERSION.matcher(value).matches() || value.contains("..")) {
            throw new CentralException(Failure.CONFIGURATION, what + " '" + value + "' must start with a letter"
                    + " or digit and contain only letters, digits and . _ + - (no '..')");
        }
    }

    private static void warnAboutWeakSettings(CentralConfig config, String name, String version) {
        String scheme = config.baseUrl().getScheme().toLowerCase(java.util.Locale.ROOT);
        if (config.insecureSkipTlsVerify() && config.certFingerprint().isEmpty() && scheme.equals("https")) {
            LOG.log(Level.WARNING, "TLS certificate verification is DISABLED (insecureSkipTLSVerify) for plugin"
                    + " central {0}: downloading {1} {2} from any server that answers", config.baseUrl(), name, version);
        }
        if (config.certFingerprint().isPresent() && !scheme.equals("https")) {
            LOG.log(Level.WARNING, "certFingerprint has no effect on plugin central {0}: it is not https",
                    config.baseUrl());
        }
    }

    private static Path createTemporary(Path baseDir, String prefix, String suffix) throws CentralException {
        try {
            Files.createDirectories(baseDir);
            return Files.createTempFile(baseDir, prefix, suffix);
        } catch (IOException e) {
            throw new CentralException(Failure.LOCAL_IO,
                    "cannot create a temporary file in the plugin directory " + baseDir + ": " + e, e);
        }
    }

    private static void writeRecord(Path record, Path zip, String sha256Hex) throws CentralException {
        try {
            Files.writeString(record, DigestRecord.format(zip, sha256Hex), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CentralException(Failure.LOCAL_IO, "cannot write the digest record " + record + ": " + e, e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws CentralException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new CentralException(Failure.LOCAL_IO, "the file system of " + to.getParent()
                    + " cannot rename atomically; not installing " + to.getFileName(), e);
        } catch (IOException e) {
            throw new CentralException(Failure.LOCAL_IO, "cannot move " + from + " to " + to + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete the temporary file " + file, e);
        }
    }
}
