package dev.pnode.central.internal;

import dev.pnode.central.CentralConfig;
import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The checksum a Maven repository keeps beside an artifact: {@code .sha256} when the repository has one, else
 * {@code .sha1} (what {@code mvn deploy} writes and every repository serves). Fetched while the artifact downloads.
 * The file holds the hex digest, optionally followed by white space and a file name ({@code sha256sum} style).
 */
public final class MavenChecksum implements AutoCloseable {

    private record Expected(String algorithm, String hex, URI source) {
    }

    private final BackgroundFetch<Expected> fetch;

    private MavenChecksum(BackgroundFetch<Expected> fetch) {
        this.fetch = fetch;
    }

    /** Starts fetching {@code <artifact>.sha256}, falling back to {@code <artifact>.sha1}. */
    public static MavenChecksum fetch(CentralConfig config, URI artifactUrl) {
        return new MavenChecksum(new BackgroundFetch<>("pnode-central-checksum " + artifactUrl, () -> {
            URI sha256 = MavenRepositoryFiles.besides(artifactUrl, ".sha256");
            URI sha1 = MavenRepositoryFiles.besides(artifactUrl, ".sha1");
            Optional<Expected> expected = fetchIfPresent(config, sha256, "SHA-256", 64);
            if (expected.isEmpty()) {
                expected = fetchIfPresent(config, sha1, "SHA-1", 40);
            }
            return expected.orElseThrow(() -> new CentralException(Failure.NOT_FOUND, "the Maven repository has no"
                    + " checksum for " + artifactUrl + " (neither " + sha256 + " nor " + sha1 + ")"));
        }));
    }

    /** The checksum file's digest; empty when the repository does not have the file. */
    private static Optional<Expected> fetchIfPresent(CentralConfig config, URI url, String algorithm, int hexDigits)
            throws CentralException {
        byte[] content;
        try {
            content = new CentralTransfer(config).fetch(url);
        } catch (CentralException e) {
            if (e.failure() == Failure.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(expected(algorithm, hexDigits, content, url));
    }

    private static Expected expected(String algorithm, int hexDigits, byte[] content, URI source)
            throws CentralException {
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        String hex = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (hex.length() != hexDigits || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new CentralException(Failure.DIGEST_MISMATCH, source + " does not hold a " + algorithm + " digest ("
                    + hexDigits + " hex digits), it holds '" + (text.length() > 80 ? text.substring(0, 80) + "..." : text)
                    + "'");
        }
        return new Expected(algorithm, hex, source);
    }

    /**
     * Compares the downloaded artifact with the repository's checksum.
     *
     * @param sha256Hex the SHA-256 computed while downloading (SHA-1 is computed here when that is the one served)
     */
    public void verify(URI artifactUrl, Path download, String sha256Hex) throws CentralException {
        Expected expected = fetch.get();
        String actual = expected.algorithm().equals("SHA-256") ? sha256Hex : hexOf(download, expected.algorithm());
        if (!actual.equals(expected.hex())) {
            throw new CentralException(Failure.DIGEST_MISMATCH, artifactUrl + " has " + expected.algorithm() + " "
                    + actual + " but " + expected.source() + " says " + expected.hex()
                    + ": the artifact or its checksum was altered, or the download was corrupted");
        }
    }

    private static String hexOf(Path file, String algorithm) throws CentralException {
        try {
            return Sha256.hexOf(file, MessageDigest.getInstance(algorithm));
        } catch (IOException e) {
            throw new CentralException(Failure.LOCAL_IO, "cannot read " + file + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide " + algorithm, e);
        }
    }

    @Override
    public void close() {
        fetch.close();
    }
}
