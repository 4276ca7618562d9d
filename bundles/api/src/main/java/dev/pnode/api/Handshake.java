package dev.pnode.api;

import java.util.Objects;

/**
 * go-plugin's handshake configuration: the plugin refuses to start unless its environment carries the magic
 * cookie, and both sides must agree on the application protocol version.
 */
public record Handshake(int protocolVersion, String magicCookieKey, String magicCookieValue) {

    /** What every Quorum plugin expects (quorum {@code plugin/gateway.go}). */
    public static final Handshake QUORUM = new Handshake(1, "QUORUM_PLUGIN_MAGIC_COOKIE",
            "CB9F51969613126D93468868990F77A8470EB9177503C5A38D437FEFF7786E0941152E05C06A9A3313391059132A7F9CED86C0783FE63A8B38F01623C8257664");

    public Handshake {
        Objects.requireNonNull(magicCookieKey, "magicCookieKey");
        Objects.requireNonNull(magicCookieValue, "magicCookieValue");
        if (protocolVersion < 1) {
            throw new IllegalArgumentException("protocolVersion must be at least 1, was " + protocolVersion);
        }
        if (magicCookieKey.isBlank() || magicCookieValue.isBlank()) {
            throw new IllegalArgumentException("magic cookie key and value must not be blank");
        }
    }
}
