package dev.pnode.central;

import dev.pnode.central.publish.CentralKeys;
import dev.pnode.central.publish.CentralKeys.GeneratedKey;
import dev.pnode.central.publish.DigestSigner;
import java.nio.charset.StandardCharsets;

/** OpenPGP keys made once per test JVM (RSA key generation takes about a second). */
final class TestKeys {

    private static GeneratedKey central;
    private static GeneratedKey stranger;

    private TestKeys() {
    }

    /** The key the test central signs with and publishes. */
    static synchronized GeneratedKey central() throws Exception {
        if (central == null) {
            central = CentralKeys.generate("pnode test central", null, CentralKeys.Algorithm.RSA3072);
        }
        return central;
    }

    /** Some other key: its signatures must not be accepted. */
    static synchronized GeneratedKey stranger() throws Exception {
        if (stranger == null) {
            stranger = CentralKeys.generate("someone else", null, CentralKeys.Algorithm.ED25519);
        }
        return stranger;
    }

    static DigestSigner signer(GeneratedKey key) throws Exception {
        return new DigestSigner(key.secretKeyArmored().getBytes(StandardCharsets.US_ASCII), null);
    }
}
