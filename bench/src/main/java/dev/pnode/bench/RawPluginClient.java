package dev.pnode.bench;

import dev.pnode.api.Handshake;
import dev.pnode.goplugin.HandshakeLine;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: the same plugin program started by hand WITHOUT {@code PLUGIN_CLIENT_CERT}, so it serves plaintext,
 * and called by a bare grpc-java channel (epoll unix socket, one event loop thread like pnode's channel). No
 * go-plugin client, no TLS, no OSGi.
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

    static RawPluginClient start(Path pluginZip) throws Exception {
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
        Process process = builder.start();
        EventLoopGroup eventLoops = null;
        try {
            HandshakeLine handshake = HandshakeLine.parse(readHandshakeLine(process));
            drain(process.getInputStream());
            drain(process.getErrorStream());
            if (handshake.serverCertificate().isPresent()) {
                throw new IllegalStateException("the plugin offered TLS although no client certificate was sent");
            }
            eventLoops = new EpollEventLoopGroup(1);
            ManagedChannel channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(handshake.address()))
                    .channelType(EpollDomainSocketChannel.class)
                    .eventLoopGroup(eventLoops)
                    .overrideAuthority("localhost")
                    .usePlaintext()
                    .build();
            return new RawPluginClient(process, channel, eventLoops, HelloWorldCalls.initialize(channel), scratch);
        } catch (Exception | Error e) {
            process.destroyForcibly();
            if (eventLoops != null) {
                eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }
            throw e;
        }
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
