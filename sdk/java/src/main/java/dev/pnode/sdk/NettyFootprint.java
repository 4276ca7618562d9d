package dev.pnode.sdk;

import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;

/**
 * Two of netty's start-up habits a plugin does not need, undone before netty's classes load (the measured worth of
 * each is in BENCHMARKS.md, "session 7"; the SDK's README sums it up):
 *
 * <ul>
 * <li>netty registers its allocator events with Java Flight Recorder, loading about a hundred {@code jdk.jfr}
 *     classes; off unless the plugin's command line sets {@value #JFR_PROPERTY} (grpc-netty-shaded relocates
 *     netty's property names along with its packages, so {@code io.netty.jfr.enabled} would do nothing);</li>
 * <li>netty's {@link JdkSslContext} initialises a default {@code SSLContext} when its class loads, only to list
 *     the ciphers and protocols, and so parses the JDK's {@code cacerts} trust store, which AutoMTLS never uses (it
 *     trusts only the host's certificate). The class is loaded here while {@value #TRUST_STORE_PROPERTY} names no
 *     file; the property is restored at once, so a plugin's own TLS clients still trust what they trusted before
 *     (the JDK reads the trust store again when the property changed).</li>
 * </ul>
 */
final class NettyFootprint {

    static final String JFR_PROPERTY = "io.grpc.netty.shaded.io.netty.jfr.enabled";
    static final String TRUST_STORE_PROPERTY = "javax.net.ssl.trustStore";
    /** The JDK's name for "no trust store file". */
    private static final String NO_TRUST_STORE = "NONE";

    private NettyFootprint() {
    }

    /** Before anything of netty is used; later calls change nothing netty has already read. */
    static void apply() {
        if (System.getProperty(JFR_PROPERTY) == null) {
            System.setProperty(JFR_PROPERTY, "false");
        }
        String trustStore = System.getProperty(TRUST_STORE_PROPERTY);
        System.setProperty(TRUST_STORE_PROPERTY, NO_TRUST_STORE);
        try {
            Class.forName(JdkSslContext.class.getName(), true, NettyFootprint.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("netty's JdkSslContext is not on the class path: " + e.getMessage(), e);
        } finally {
            if (trustStore == null) {
                System.clearProperty(TRUST_STORE_PROPERTY);
            } else {
                System.setProperty(TRUST_STORE_PROPERTY, trustStore);
            }
        }
    }
}
