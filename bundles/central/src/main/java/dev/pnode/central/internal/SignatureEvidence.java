package dev.pnode.central.internal;

import dev.pnode.central.CentralConfig;
import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;
import dev.pnode.central.Verification;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A download's signature and the public key to check it with, per the central's {@link Verification}, fetched
 * while the download runs: each on a thread and connection of its own, because after the download they would cost
 * two more round trips, and one after the other on a kept-alive connection another ~40 ms each from a server that
 * delays small responses (Nagle's algorithm and delayed ACKs; the JDK's HttpServer and {@code jwebserver} do so by
 * default). Their errors are reported when the signature is checked, once the download is in.
 */
public final class SignatureEvidence implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SignatureEvidence.class.getName());

    /** The signature, and the public key to check it with. */
    private record Evidence(byte[] signature, byte[] publicKeys, String keySource) {
    }

    private final CentralConfig config;
    private final URI signatureUrl;
    /** null when verification is skipped */
    private final BackgroundFetch<Evidence> fetch;

    private SignatureEvidence(CentralConfig config, URI signatureUrl, BackgroundFetch<Evidence> fetch) {
        this.config = config;
        this.signatureUrl = signatureUrl;
        this.fetch = fetch;
    }

    /** Starts fetching the signature at {@code signatureUrl} and the key; nothing when verification is skipped. */
    public static SignatureEvidence fetch(CentralConfig config, URI signatureUrl) {
        Verification verification = config.verification();
        if (verification instanceof Verification.Skip) {
            return new SignatureEvidence(config, signatureUrl, null);
        }
        return new SignatureEvidence(config, signatureUrl, new BackgroundFetch<>("pnode-central-signature "
                + signatureUrl, () -> {
                    if (verification instanceof Verification.Online online) {
                        URI keyUrl = config.baseUrl().resolve(online.publicKeyUri());
                        try (BackgroundFetch<byte[]> key = new BackgroundFetch<>("pnode-central-key " + keyUrl,
                                () -> fetchKey(config, keyUrl))) {
                            byte[] signature = new CentralTransfer(config).fetch(signatureUrl);
                            return new Evidence(signature, key.get(), keyUrl.toString());
                        }
                    }
                    byte[] signature = new CentralTransfer(config).fetch(signatureUrl);
                    Path keyFile = ((Verification.LocalKey) verification).publicKeyFile();
                    return new Evidence(signature, readKeyFile(keyFile), keyFile.toString());
                }));
    }

    /** Quorum's rule: the signature is over the zip's lowercase hex SHA-256. */
    public void verifyDigest(URI zipUrl, String sha256Hex) throws CentralException {
        if (skipped(zipUrl, sha256Hex)) {
            return;
        }
        Evidence evidence = fetch.get();
        logVerified(zipUrl, sha256Hex, OpenPgpVerifier.verify(evidence.publicKeys(), evidence.keySource(),
                evidence.signature(), signatureUrl.toString(), sha256Hex), evidence);
    }

    /** Maven Central's rule: the signature ({@code .asc}) is over the zip itself. */
    public void verifyFile(URI zipUrl, Path zip, String sha256Hex) throws CentralException {
        if (skipped(zipUrl, sha256Hex)) {
            return;
        }
        Evidence evidence = fetch.get();
        logVerified(zipUrl, sha256Hex, OpenPgpVerifier.verifyFile(evidence.publicKeys(), evidence.keySource(),
                evidence.signature(), signatureUrl.toString(), zip, zipUrl.toString()), evidence);
    }

    private boolean skipped(URI zipUrl, String sha256Hex) {
        if (fetch == null) {
            LOG.log(Level.WARNING, "signature verification is DISABLED for plugin central {0}: installing {1}"
                    + " (SHA-256 {2}) without checking who made it", config.baseUrl(), zipUrl, sha256Hex);
        }
        return fetch == null;
    }

    private static void logVerified(URI zipUrl, String sha256Hex, String keyId, Evidence evidence) {
        LOG.log(Level.INFO, "{0}: SHA-256 {1} signed by key {2} from {3}", zipUrl, sha256Hex, keyId,
                evidence.keySource());
    }

    /** The central's own key; a Maven repository has none unless someone put it there, which the error says. */
    private static byte[] fetchKey(CentralConfig config, URI keyUrl) throws CentralException {
        try {
            return new CentralTransfer(config).fetch(keyUrl);
        } catch (CentralException e) {
            if (e.failure() != Failure.NOT_FOUND || config.maven().isEmpty()) {
                throw e;
            }
            throw new CentralException(Failure.NOT_FOUND, e.getMessage() + ": a Maven repository publishes no key of"
                    + " its own; give the publisher's key as central.publicKeyFile, or with --plugins.localverify"
                    + " --plugins.publickey", e);
        }
    }

    private static byte[] readKeyFile(Path keyFile) throws CentralException {
        try {
            return Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw new CentralException(Failure.CONFIGURATION,
                    "cannot read the central's public key file " + keyFile + ": " + e, e);
        }
    }

    @Override
    public void close() {
        if (fetch != null) {
            fetch.close();
        }
    }
}
