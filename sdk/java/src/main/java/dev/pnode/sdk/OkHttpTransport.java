package dev.pnode.sdk;

import dev.pnode.wire.AutoMtlsKeys;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeException;
import dev.pnode.wire.HandshakeLine;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.grpc.okhttp.OkHttpServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The TCP transport: grpc-okhttp's server and self-calling client on 127.0.0.1, with the JDK's TLS. About a tenth of
 * netty's classes, which is what a plugin's idle memory is mostly made of (BENCHMARKS.md, session 10).
 */
final class OkHttpTransport {

    private OkHttpTransport() {
    }

    /**
     * grpc-okhttp's {@code Platform} probes ALPN with a default {@code SSLContext} when it loads (by the first use of
     * either builder), and would parse the JDK's {@code cacerts} for it.
     */
    private static final String PLATFORM = "io.grpc.okhttp.internal.Platform";

    static PluginListener serve(PluginEnvironment.PortRange ports, Optional<AutoMtls> mtls,
            Consumer<ServerBuilder<?>> services) {
        TlsProbes.initialiseWithoutTrustStore(PLATFORM);
        ServerCredentials credentials = mtls.isPresent() ? serverCredentials(mtls.get())
                : InsecureServerCredentials.create();
        for (int port = ports.min(); port <= ports.max(); port++) {
            OkHttpServerBuilder builder = OkHttpServerBuilder.forPort(new InetSocketAddress("127.0.0.1", port),
                    credentials);
            services.accept(builder);
            try {
                io.grpc.Server server = builder.build().start();
                return new PluginListener(server, "tcp", "127.0.0.1:" + server.getPort(), Optional.empty(),
                        grace -> { });
            } catch (IOException e) {
                // taken: try the next port, as go-plugin does
            }
        }
        throw new PluginStartException("couldn't bind plugin TCP listener on 127.0.0.1 ports " + ports.min() + ".."
                + ports.max() + " (" + PluginEnvironment.MIN_PORT + ".." + PluginEnvironment.MAX_PORT + ")");
    }

    /** go-plugin's server side: our certificate, a client certificate required and only the host's trusted. */
    private static ServerCredentials serverCredentials(AutoMtls mtls) {
        try {
            return TlsServerCredentials.newBuilder()
                    .keyManager(AutoMtlsKeys.keyManagers(mtls.own()))
                    .trustManager(AutoMtlsKeys.trustManagers(mtls.trusted()))
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                    .build();
        } catch (GeneralSecurityException | IOException e) {
            throw new PluginStartException("cannot set up mutual TLS: " + e.getMessage(), e);
        }
    }

    static SelfChannel connect(HandshakeLine line, EphemeralCertificate client)
            throws HandshakeException, SSLException {
        TlsProbes.initialiseWithoutTrustStore(PLATFORM);
        HandshakeLine.TcpAddress address = HandshakeLine.TcpAddress.parse(line.address());
        try {
            OkHttpChannelBuilder builder = OkHttpChannelBuilder.forAddress(address.host(), address.port(),
                    TlsChannelCredentials.newBuilder()
                            .keyManager(AutoMtlsKeys.keyManagers(client))
                            .trustManager(AutoMtlsKeys.trustManagers(List.of(SelfChannel.serverCertificate(line))))
                            .build())
                    .overrideAuthority(EphemeralCertificate.HOST);
            return new SelfChannel(builder.build(), () -> { });
        } catch (GeneralSecurityException | IOException e) {
            throw new SSLException("cannot set up mutual TLS: " + e.getMessage(), e);
        }
    }
}
