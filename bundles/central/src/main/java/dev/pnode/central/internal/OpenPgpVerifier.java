package dev.pnode.central.internal;

import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks a central's detached OpenPGP signature: in a Quorum-style central over a zip's lowercase hex SHA-256
 * digest (like Quorum, the signed text may or may not end with a newline, as {@code sha256sum | cut} and
 * {@code echo} add one; both are accepted, nothing else is), in a Maven repository over the zip itself
 * ({@code gpg --detach-sign}, what {@code maven-gpg-plugin} writes as {@code .asc}).
 */
public final class OpenPgpVerifier {

    private OpenPgpVerifier() {
    }

    /**
     * @param publicKeys     armored (or binary) public key ring(s) trusted for this central
     * @param keySource      where the keys came from, for messages
     * @param signature      armored (or binary) detached signature
     * @param signatureSource where the signature came from, for messages
     * @param sha256Hex      lowercase hex digest of the zip
     * @return the id of the key that made the signature, as 16 hex digits
     */
    public static String verify(byte[] publicKeys, String keySource, byte[] signature, String signatureSource,
            String sha256Hex) throws CentralException {
        return verify(publicKeys, keySource, signature, signatureSource, "SHA-256 " + sha256Hex,
                List.of(candidate -> update(candidate, sha256Hex), candidate -> update(candidate, sha256Hex + "\n")));
    }

    /**
     * Checks a detached signature over a whole file (Maven's {@code .asc}).
     *
     * @return the id of the key that made the signature, as 16 hex digits
     */
    public static String verifyFile(byte[] publicKeys, String keySource, byte[] signature, String signatureSource,
            Path file, String fileSource) throws CentralException {
        return verify(publicKeys, keySource, signature, signatureSource, fileSource, List.of(candidate -> {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    candidate.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new CentralException(Failure.LOCAL_IO, "cannot read " + file + " to check its signature: " + e, e);
            }
            return candidate.verify();
        }));
    }

    /** Feeds the signed content to a signature that was initialised with its key, and says whether it matches. */
    @FunctionalInterface
    private interface SignedContent {
        boolean matches(PGPSignature initialised) throws CentralException, PGPException;
    }

    private static String verify(byte[] publicKeys, String keySource, byte[] signature, String signatureSource,
            String contentName, List<SignedContent> alternatives) throws CentralException {
        PGPPublicKeyRingCollection keyRings = readKeys(publicKeys, keySource);
        List<String> tried = new ArrayList<>();
        for (PGPSignature candidate : readSignatures(signature, signatureSource)) {
            String keyId = keyId(candidate.getKeyID());
            PGPPublicKey key = findKey(keyRings, candidate.getKeyID());
            if (key == null) {
                tried.add("key " + keyId + " is not among the trusted keys from " + keySource
                        + " (" + describeKeys(keyRings) + ")");
                continue;
            }
            if (matchesAny(candidate, key, alternatives)) {
                requireUsable(key, keyId, candidate.getCreationTime(), keySource);
                return keyId;
            }
            tried.add("the signature by key " + keyId + " does not match " + contentName
                    + ": the zip or its signature was altered, or the signature is for another file");
        }
        throw new CentralException(Failure.SIGNATURE,
                "signature " + signatureSource + " does not verify: " + String.join("; ", tried));
    }

    public static String keyId(long keyId) {
        return String.format("%016X", keyId);
    }

    static PGPPublicKeyRingCollection readKeys(byte[] publicKeys, String keySource) throws CentralException {
        PGPPublicKeyRingCollection keyRings;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(publicKeys))) {
            keyRings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException | RuntimeException e) {
            throw new CentralException(Failure.SIGNATURE,
                    "cannot read the OpenPGP public key from " + keySource + ": " + e.getMessage(), e);
        }
        if (keyRings.size() == 0) {
            throw new CentralException(Failure.SIGNATURE, "no OpenPGP public key in " + keySource);
        }
        return keyRings;
    }

    private static List<PGPSignature> readSignatures(byte[] signature, String signatureSource)
            throws CentralException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
            PGPObjectFactory objects = new BcPGPObjectFactory(in);
            Object next = objects.nextObject();
            if (next instanceof PGPCompressedData) {
                objects = new BcPGPObjectFactory(((PGPCompressedData) next).getDataStream());
                next = objects.nextObject();
            }
            if (!(next instanceof PGPSignatureList) || ((PGPSignatureList) next).isEmpty()) {
                throw new CentralException(Failure.SIGNATURE, signatureSource
                        + " is not a detached OpenPGP signature (found " + describe(next) + ")");
            }
            List<PGPSignature> signatures = new ArrayList<>();
            ((PGPSignatureList) next).forEach(signatures::add);
            return signatures;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new CentralException(Failure.SIGNATURE,
                    "cannot read the OpenPGP signature " + signatureSource + ": " + e.getMessage(), e);
        }
    }

    private static PGPPublicKey findKey(PGPPublicKeyRingCollection keyRings, long keyId) {
        return keyRings.getPublicKey(keyId);
    }

    /** The digest text as the signed content. */
    private static boolean update(PGPSignature signature, String signedText) throws PGPException {
        signature.update(signedText.getBytes(StandardCharsets.US_ASCII));
        return signature.verify();
    }

    private static boolean matchesAny(PGPSignature signature, PGPPublicKey key, List<SignedContent> alternatives)
            throws CentralException {
        for (SignedContent content : alternatives) {
            if (matches(signature, key, content)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(PGPSignature signature, PGPPublicKey key, SignedContent content)
            throws CentralException {
        int type = signature.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            throw new CentralException(Failure.SIGNATURE, "signature by key " + keyId(signature.getKeyID())
                    + " has type " + type + ", not a document signature");
        }
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            return content.matches(signature);
        } catch (PGPException e) {
            throw new CentralException(Failure.SIGNATURE, "cannot check the signature by key "
                    + keyId(signature.getKeyID()) + ": " + e.getMessage(), e);
        }
    }

    private static void requireUsable(PGPPublicKey key, String keyId, Date signedAt, String keySource)
            throws CentralException {
        if (key.hasRevocation()) {
            throw new CentralException(Failure.SIGNATURE, "the signing key " + keyId + " from " + keySource
                    + " is revoked");
        }
        long validSeconds = key.getValidSeconds();
        if (validSeconds > 0 && signedAt.getTime() > key.getCreationTime().getTime() + validSeconds * 1000) {
            throw new CentralException(Failure.SIGNATURE, "the signing key " + keyId + " from " + keySource
                    + " had expired when the signature was made (" + signedAt + ")");
        }
    }

    private static String describeKeys(PGPPublicKeyRingCollection keyRings) {
        List<String> ids = new ArrayList<>();
        for (Iterator<PGPPublicKeyRing> rings = keyRings.getKeyRings(); rings.hasNext(); ) {
            rings.next().getPublicKeys().forEachRemaining(key -> ids.add(keyId(key.getKeyID())));
        }
        return "it has " + String.join(", ", ids);
    }

    private static String describe(Object pgpObject) {
        return pgpObject == null ? "nothing" : pgpObject.getClass().getSimpleName();
    }
}
