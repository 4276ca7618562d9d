package dev.pnode.rpc.transport;

import java.time.Duration;

/**
 * How long and how much an HTTP or WebSocket client may take from the node; geth's HTTP server defaults.
 *
 * @param maxBodyBytes the largest request body (a WebSocket message)
 * @param readHeaderTimeout from a new connection to its first request's complete headers
 * @param readTimeout from a request's complete headers to its complete body
 * @param writeTimeout for writing one response to the client
 * @param idleTimeout how long a connection may wait for its client between requests (and on any stalled read or
 *     write)
 * @param maxConnections connections open at once; further clients wait in the listen backlog until one closes
 */
public record HttpLimits(int maxBodyBytes, Duration readHeaderTimeout, Duration readTimeout, Duration writeTimeout,
        Duration idleTimeout, int maxConnections) {

    /** 5 MiB bodies; read-header, read and write 30 s, idle 120 s (geth's); 4096 connections. */
    public static final HttpLimits DEFAULT = new HttpLimits(5 * 1024 * 1024, Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(120), 4096);

    public HttpLimits {
        positive("maxBodyBytes", maxBodyBytes);
        positive("maxConnections", maxConnections);
        positive("readHeaderTimeout", readHeaderTimeout);
        positive("readTimeout", readTimeout);
        positive("writeTimeout", writeTimeout);
        positive("idleTimeout", idleTimeout);
    }

    public HttpLimits withMaxBodyBytes(int bytes) {
        return new HttpLimits(bytes, readHeaderTimeout, readTimeout, writeTimeout, idleTimeout, maxConnections);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }
}
