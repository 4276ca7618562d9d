package dev.pnode.central.publish;

import dev.pnode.central.internal.OpenPgpVerifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * OpenPGP signing keys for a central, made with Bouncy Castle: a single primary key that certifies and signs.
 * RSA 3072 is the default because Quorum's verifier (Go's x/crypto/openpgp) reads RSA but not EdDSA keys;
 * Ed25519 is smaller and fine for pnode-only centrals.
 */
public final class CentralKeys {

    /** Key algorithms {@link #generate} offers. */
    public enum Algorithm {
        RSA3072, ED25519;

        public static Algorithm parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT).replace("-", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown key algorithm '" + text + "': use rsa3072 or ed25519", e);
            }
        }
    }

    /** A generated key: both halves armored, and the key id (16 hex digits). */
    public record GeneratedKey(String publicKeyArmored, String secretKeyArmored, String keyId) {
    }

    private CentralKeys() {
    }

    /**
     * @param userId     e.g. {@code "pnode embedded central <central@pnode.dev>"}
     * @param passphrase protects the secret key; {@code null} or empty leaves it unencrypted (for build keys)
     */
    public static GeneratedKey generate(String userId, char[] passphrase, Algorithm algorithm)
            throws PGPException, IOException {
        Date now = new Date();
        SecureRandom random = new SecureRandom();
        PGPKeyPair pair = algorithm == Algorithm.RSA3072
                ? new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa3072(random), now)
                : new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, ed25519(random), now);
        PGPSignatureSubpacketGenerator selfSignature = new PGPSignatureSubpacketGenerator();
        selfSignature.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        selfSignature.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA512});
        selfSignature.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256});
        PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
                sha1, selfSignature.generate(), null,
                new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                encryptor(passphrase, random));
        PGPSecretKeyRing secret = rings.generateSecretKeyRing();
        PGPPublicKeyRing publicRing = rings.generatePublicKeyRing();
        return new GeneratedKey(armor(publicRing.getEncoded()), armor(secret.getEncoded()),
                OpenPgpVerifier.keyId(pair.getKeyID()));
    }

    /** The armored public half of an armored secret key ring, to publish beside the central's files. */
    public static String exportPublic(byte[] secretKeyRing) throws IOException, PGPException {
        PGPSecretKeyRing ring = readSecretKeyRing(secretKeyRing);
        List<PGPPublicKey> keys = new ArrayList<>();
        ring.getPublicKeys().forEachRemaining(keys::add);
        return armor(new PGPPublicKeyRing(keys).getEncoded());
    }

    /** The first key ring of an armored (or binary) secret key file. */
    public static PGPSecretKeyRing readSecretKeyRing(byte[] secretKeyRing) throws IOException, PGPException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(secretKeyRing))) {
            PGPSecretKeyRingCollection rings = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
            Iterator<PGPSecretKeyRing> first = rings.getKeyRings();
            if (!first.hasNext()) {
                throw new PGPException("the file holds no OpenPGP secret key");
            }
            return first.next();
        }
    }

    /** The first key of the ring that can make signatures. */
    public static PGPSecretKey signingKey(PGPSecretKeyRing ring) throws PGPException {
        for (Iterator<PGPSecretKey> keys = ring.getSecretKeys(); keys.hasNext(); ) {
            PGPSecretKey key = keys.next();
            if (key.isSigningKey() && !key.isPrivateKeyEmpty()) {
                return key;
            }
        }
        throw new PGPException("the secret key ring " + OpenPgpVerifier.keyId(
                ring.getPublicKey().getKeyID()) + " has no key that can sign");
    }

    static String armor(byte[] encoded) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (OutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(text)) {
            armored.write(encoded);
        }
        return text.toString(StandardCharsets.US_ASCII);
    }

    private static AsymmetricCipherKeyPair rsa3072(SecureRandom random) {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), random, 3072, 144));
        return generator.generateKeyPair();
    }

    private static AsymmetricCipherKeyPair ed25519(SecureRandom random) {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(random));
        return generator.generateKeyPair();
    }

    private static PBESecretKeyEncryptor encryptor(char[] passphrase, SecureRandom random) throws PGPException {
        if (passphrase == null || passphrase.length == 0) {
            return null;
        }
        PGPDigestCalculator s2kDigest = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256);
        return new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, s2kDigest, 0xc0)
                .setSecureRandom(random).build(passphrase);
    }
}
