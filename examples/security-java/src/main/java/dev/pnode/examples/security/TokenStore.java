package dev.pnode.examples.security;

import dev.pnode.security.GrantedAuthority;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configured tokens, kept only as SHA-256 digests: a lookup compares digests, so its timing tells nothing about
 * the tokens, and a heap dump holds none of them.
 */
final class TokenStore {

    /** What a presented token is worth. */
    record Valid(List<GrantedAuthority> authorities, Instant expiresAt) {
    }

    private final Map<String, Valid> byDigest;

    /** @param configuredAt when Init ran: {@code expiresIn} counts from here */
    TokenStore(Map<String, SecurityConfiguration.Grant> tokens, Instant configuredAt) {
        this.byDigest = tokens.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                token -> digest(token.getKey().getBytes(StandardCharsets.UTF_8)),
                token -> new Valid(token.getValue().authorities(), configuredAt.plus(token.getValue().expiresIn()))));
    }

    Optional<Valid> lookUp(String presented) {
        return Optional.ofNullable(byDigest.get(digest(presented.getBytes(StandardCharsets.UTF_8))));
    }

    private static String digest(byte[] token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
