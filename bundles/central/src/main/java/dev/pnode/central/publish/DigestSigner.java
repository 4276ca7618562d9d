package dev.pnode.central.publish;

import dev.pnode.central.internal.OpenPgpVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * Makes the armored detached signature a central publishes beside a zip: a binary-document signature over the
 * zip's lowercase hex SHA-256, without a trailing newline (verifiers accept it with one too), as
 * {@code gpg --armor --detach-sign} makes it.
 */
public final class DigestSigner {

    private final PGPSecretKey signingKey;
    private final PGPPrivateKey privateKey;

    /**
     * @param secretKeyRing armored or binary OpenPGP secret key
     * @param passphrase    for an encrypted key; {@code null} or empty for an unencrypted one
     * @throws PGPException also when the passphrase is wrong, saying so
     */
    public DigestSigner(byte[] secretKeyRing, char[] passphrase) throws IOException, PGPException {
        signingKey = CentralKeys.signingKey(CentralKeys.readSecretKeyRing(secretKeyRing));
        try {
            privateKey = signingKey.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(
                    new BcPGPDigestCalculatorProvider()).build(passphrase == null ? new char[0] : passphrase));
        } catch (PGPException e) {
            throw new PGPException("cannot unlock secret key " + keyId() + " (wrong or missing passphrase?): "
                    + e.getMessage(), e);
        }
    }

    /** The id of the key that signs, 16 hex digits. */
    public String keyId() {
        return OpenPgpVerifier.keyId(signingKey.getKeyID());
    }

    /** Armored detached signature over {@code sha256Hex} (ASCII, no newline). */
    public String sign(String sha256Hex) throws PGPException, IOException {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(signingKey.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                signingKey.getPublicKey());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setIssuerFingerprint(false, signingKey.getPublicKey());
        hashed.setIssuerKeyID(false, signingKey.getKeyID());
        hashed.setSignatureCreationTime(false, new java.util.Date());
        generator.setHashedSubpackets(hashed.generate());
        generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
        generator.update(sha256Hex.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (OutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(text)) {
            generator.generate().encode(armored);
        }
        return text.toString(StandardCharsets.US_ASCII);
    }
}
