package dev.pnode.central;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a downloaded plugin's signature is checked: with the central's public key fetched from the central
 * ({@link Online}), with a key file kept locally ({@link LocalKey}), or not at all ({@link Skip}, logged as a
 * warning on every download).
 */
public sealed interface Verification {

    /** Quorum's default {@code publicKeyURI}: a file named {@code gpg.key} beside the central's base URL. */
    String DEFAULT_PUBLIC_KEY_URI = "gpg.key";

    /**
     * Fetch the armored public key from {@code publicKeyUri}, which is resolved against the central's base URL
     * when relative (as Quorum does) and used as is when absolute ({@code https:}, {@code http:}, {@code file:}).
     */
    record Online(URI publicKeyUri) implements Verification {
        public Online {
            Objects.requireNonNull(publicKeyUri, "publicKeyUri");
        }
    }

    /** Read the armored public key (or key ring) from a local file. */
    record LocalKey(Path publicKeyFile) implements Verification {
        public LocalKey {
            Objects.requireNonNull(publicKeyFile, "publicKeyFile");
        }
    }

    /** Do not check signatures. Only for when it is explicitly configured: every download logs a WARNING. */
    record Skip() implements Verification {
    }

    static Verification online(URI publicKeyUri) {
        return new Online(publicKeyUri);
    }

    /** Online verification with Quorum's default key location, {@value #DEFAULT_PUBLIC_KEY_URI}. */
    static Verification onlineDefault() {
        return new Online(URI.create(DEFAULT_PUBLIC_KEY_URI));
    }

    static Verification localKey(Path publicKeyFile) {
        return new LocalKey(publicKeyFile);
    }

    static Verification skip() {
        return new Skip();
    }
}
