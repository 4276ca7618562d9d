package dev.pnode.sdk;

import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import java.util.Map;

/**
 * Netty's defaults sized for a plugin with one host connection, set before netty's classes load unless the plugin's
 * command line sets them (grpc-netty-shaded relocates netty's property names along with its packages: the plain
 * {@code io.netty.*} names do nothing). The measured worth of each is in BENCHMARKS.md, "session 7"; the SDK's README
 * sums it up:
 *
 * <ul>
 * <li>netty registers its allocator events with Java Flight Recorder (about a hundred {@code jdk.jfr} classes and
 *     their annotations live; it asks {@code FlightRecorder.isAvailable()} in any case): off;</li>
 * <li>netty's buffer pool keeps two arenas per core and per kind (heap, direct), each holding chunks of 2 MiB
 *     (grpc's allocator) that are resident once touched, and each thread that allocates takes its own arena: one
 *     arena of each kind with 1 MiB chunks instead (a pool still, so a call allocates no fresh zeroed buffers);</li>
 * <li>netty's {@link JdkSslContext} and {@code JdkAlpnSslUtils} each initialise a default {@code SSLContext} when
 *     their class loads, and so parse the JDK's {@code cacerts}, which AutoMTLS never uses: loaded through
 *     {@link TlsProbes}.</li>
 * </ul>
 */
final class NettyFootprint {

    private static final String NETTY = "io.grpc.netty.shaded.io.netty.";
    static final String JFR_PROPERTY = NETTY + "jfr.enabled";
    /** Netty's properties and the values a plugin gets unless its command line says otherwise. */
    static final Map<String, String> DEFAULTS = Map.of(
            JFR_PROPERTY, "false",
            NETTY + "allocator.numHeapArenas", "1",
            NETTY + "allocator.numDirectArenas", "1",
            NETTY + "allocator.maxOrder", "7"); // pages of 8 KiB << 7: chunks of 1 MiB
    /** Package-private in netty, so named; a netty without it has nothing to load. */
    private static final String ALPN_UTILS = JdkSslContext.class.getPackageName() + ".JdkAlpnSslUtils";

    private NettyFootprint() {
    }

    /** Before anything of netty is used; later calls change nothing netty has already read. */
    static void apply() {
        DEFAULTS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
        TlsProbes.initialiseWithoutTrustStore(JdkSslContext.class.getName(), ALPN_UTILS);
    }
}
