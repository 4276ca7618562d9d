package dev.pnode.bench;

import dev.pnode.api.Handshake;
import dev.pnode.api.PluginProcessVariables;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeLine;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The baseline: the same plugin program started by hand and called by a bare grpc-java channel (epoll, on the unix
 * socket or TCP port the plugin's handshake names, one event loop thread like pnode's channel). No go-plugin client,
 * no OSGi. {@link Transport#PLAINTEXT} (no {@code PLUGIN_CLIENT_CERT}, so the plugin serves plaintext) is figure 1's
 * baseline; the two TLS variants speak
 * go-plugin's AutoMTLS by hand and isolate what TLS costs with the JDK provider pnode uses and with OpenSSL
 * (netty-shaded's BoringSSL, pinned to TLS 1.2, which has no P-521 signature-scheme problem).
 */
final class RawPluginClient implements GreetingTarget {

    private final Process process;
    private final ManagedChannel channel;
    private final EventLoopGroup eventLoops;
    private final HelloWorldCalls calls;
    private final Path scratch;

    private RawPluginClient(Process process, ManagedChannel channel, EventLoopGroup eventLoops, HelloWorldCalls calls,
            Path scratch) {
        this.process = process;
        this.channel = channel;
        this.eventLoops = eventLoops;
        this.calls = calls;
        this.scratch = scratch;
    }

    /** How the bare client talks to the plugin. */
    enum Transport {
        PLAINTEXT, TLS_JDK, TLS_OPENSSL
    }

    static RawPluginClient start(Path pluginZip, Transport transport) throws Exception {
        Path scratch = BenchEnvironment.scratchDirectory("raw");
        PluginZip plugin = PluginZip.extract(pluginZip, scratch.resolve("plugin"));
        List<String> command = new ArrayList<>();
        command.add(plugin.entrypoint().toString());
        command.addAll(plugin.parameters());
        ProcessBuilder builder = new ProcessBuilder(command).directory(plugin.directory().toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(List.of("PATH", "HOME", "USER", "LANG", "JAVA_HOME"));
        environment.put(Handshake.QUORUM.magicCookieKey(), Handshake.QUORUM.magicCookieValue());
        environment.put("PLUGIN_PROTOCOL_VERSIONS", "1");
        environment.put("PLUGIN_UNIX_SOCKET_DIR", scratch.toString());
        environment.put("TMPDIR", scratch.toString()); // go-plugin 1.0.1 puts its socket in TMPDIR
        // a cache like the one the node hands its plugins, so the baseline runs the same first-start JVM flags (a
        // Java plugin records and writes its class data sharing archive there) as the contract path's plugin
        environment.put(PluginProcessVariables.CACHE_DIR, Files.createDirectories(scratch.resolve("cache")).toString());
        EphemeralCertificate identity = transport == Transport.PLAINTEXT ? null : EphemeralCertificate.generate();
        if (identity != null) {
            environment.put("PLUGIN_CLIENT_CERT", identity.certificatePem());
        }
        Process process = builder.start();
        EventLoopGroup eventLoops = null;
        try {
            HandshakeLine handshake = HandshakeLine.parse(readHandshakeLine(process));
            drain(process.getInputStream());
            drain(process.getErrorStream());
            if (handshake.serverCertificate().isPresent() != (identity != null)) {
                throw new IllegalStateException("the plugin's handshake does not match the transport " + transport);
            }
            eventLoops = new EpollEventLoopGroup(1);
            NettyChannelBuilder channelBuilder;
            if (handshake.network().equals(HandshakeLine.NETWORK_UNIX)) {
                channelBuilder = NettyChannelBuilder.forAddress(new DomainSocketAddress(handshake.address()))
                        .channelType(EpollDomainSocketChannel.class);
            } else {
                HandshakeLine.TcpAddress tcp = HandshakeLine.TcpAddress.parse(handshake.address());
                channelBuilder = NettyChannelBuilder.forAddress(tcp.host(), tcp.port())
                        .channelType(EpollSocketChannel.class).withOption(ChannelOption.TCP_NODELAY, true);
            }
            channelBuilder.eventLoopGroup(eventLoops).overrideAuthority("localhost");
            if (identity == null) {
                channelBuilder.usePlaintext();
            } else {
                channelBuilder.sslContext(tls(transport, handshake.serverCertificate().get(), identity))
                        .negotiationType(NegotiationType.TLS);
            }
            ManagedChannel channel = channelBuilder.build();
            return new RawPluginClient(process, channel, eventLoops, HelloWorldCalls.initialize(channel), scratch);
        } catch (Exception | Error e) {
            process.destroyForcibly();
            if (eventLoops != null) {
                eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }
            throw e;
        }
    }

    private static SslContext tls(Transport transport, X509Certificate pluginCertificate,
            EphemeralCertificate identity) throws SSLException {
        SslContextBuilder builder = transport == Transport.TLS_JDK
                ? GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                : GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.OPENSSL).protocols("TLSv1.2");
        return builder.trustManager(pluginCertificate).keyManager(identity.privateKey(), identity.certificate()).build();
    }

    private static String readHandshakeLine(Process process) throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
            if (line.indexOf('|') >= 0) {
                return line;
            }
        }
        throw new IOException("the plugin closed its stdout without a handshake line");
    }

    /** Keeps reading a pipe so the plugin never blocks writing to it. */
    private static void drain(InputStream in) {
        Thread thread = new Thread(() -> {
            try (in) {
                in.transferTo(OutputSink.INSTANCE);
            } catch (IOException e) {
                // the plugin is gone
            }
        }, "raw-plugin-drain");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String greeting(String msg) {
        return calls.greeting(msg);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        Scratch.deleteQuietly(scratch);
    }
}
