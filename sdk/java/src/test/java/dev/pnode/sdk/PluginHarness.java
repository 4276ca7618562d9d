package dev.pnode.sdk;

import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeException;
import dev.pnode.wire.HandshakeLine;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test support, shared with the example plugin's tests (test-jar): runs a plugin as a real child process, reads its
 * handshake line and connects to it the way a go-plugin host does (unix socket or TCP, AutoMTLS with the JDK
 * provider and authority {@code localhost}).
 */
public final class PluginHarness implements AutoCloseable {

    /** Generous: the first JVM start on a loaded CI machine can be slow. Only bounds a hang. */
    public static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Optional<EphemeralCertificate> clientCertificate;
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final List<String> strayStdout = Collections.synchronizedList(new ArrayList<>());
    private final String rawHandshake;
    private final HandshakeLine handshake;
    private EventLoopGroup eventLoops;
    private ManagedChannel channel;

    private PluginHarness(Process process, Optional<EphemeralCertificate> clientCertificate)
            throws IOException, HandshakeException {
        this.process = process;
        this.clientCertificate = clientCertificate;
        drain(reader(process.getErrorStream()), stderr, "stderr");
        BufferedReader stdout = reader(process.getInputStream());
        this.rawHandshake = firstLine(stdout);
        this.handshake = HandshakeLine.parse(rawHandshake);
        drain(stdout, strayStdout, "stdout");
    }

    /**
     * Starts {@code command} with the given environment added to this JVM's (the go-plugin variables are the
     * caller's business) and waits for the handshake line.
     *
     * @param clientCertificate when present, sent as {@code PLUGIN_CLIENT_CERT} and used to connect with mutual TLS
     */
    public static PluginHarness start(List<String> command, Map<String, String> environment,
            Optional<EphemeralCertificate> clientCertificate) throws IOException, HandshakeException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PLUGIN_") || name.endsWith("_COOKIE"));
        builder.environment().putAll(environment);
        clientCertificate.ifPresent(certificate ->
                builder.environment().put("PLUGIN_CLIENT_CERT", certificate.certificatePem()));
        Process process = builder.start();
        try {
            return new PluginHarness(process, clientCertificate);
        } catch (IOException | HandshakeException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The command that runs {@code mainClass} from this JVM's class path in a child JVM. */
    public static List<String> javaCommand(Class<?> mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    public HandshakeLine handshake() {
        return handshake;
    }

    /** The handshake line exactly as the plugin printed it, without the newline. */
    public String rawHandshake() {
        return rawHandshake;
    }

    public Process process() {
        return process;
    }

    /** What the plugin wrote on its real stderr, line by line (hclog JSON). */
    public List<String> stderrLines() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** What the plugin wrote on its real stdout after the handshake line: should always be nothing. */
    public List<String> stdoutAfterHandshake() {
        synchronized (strayStdout) {
            return List.copyOf(strayStdout);
        }
    }

    /** A channel to the plugin, made on first use, with the identity the plugin was started with. */
    public synchronized ManagedChannel channel() throws IOException {
        if (channel == null) {
            channel = connect(clientCertificate);
        }
        return channel;
    }

    /**
     * A new channel to the plugin (the caller shuts it down): mutual TLS as {@code identity} trusting the plugin's
     * certificate from the handshake, or plaintext when no identity is given.
     */
    public synchronized ManagedChannel connect(Optional<EphemeralCertificate> identity) throws IOException {
        NettyChannelBuilder builder;
        if (handshake.network().equals("unix")) {
            if (eventLoops == null) {
                eventLoops = new EpollEventLoopGroup(1);
            }
            builder = NettyChannelBuilder.forAddress(new DomainSocketAddress(handshake.address()))
                    .eventLoopGroup(eventLoops)
                    .channelType(EpollDomainSocketChannel.class);
        } else {
            builder = NettyChannelBuilder.forTarget(handshake.address());
        }
        if (identity.isPresent()) {
            SslContextBuilder tls = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                    .keyManager(identity.get().privateKey(), identity.get().certificate());
            handshake.serverCertificate().ifPresent(tls::trustManager);
            builder.sslContext(tls.build()).negotiationType(NegotiationType.TLS).overrideAuthority("localhost");
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }

    /** Waits for the plugin to end and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("plugin did not exit; stderr: " + stderrLines());
        }
        return process.exitValue();
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (eventLoops != null) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
        process.destroyForcibly();
    }

    private static BufferedReader reader(InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    private String firstLine(BufferedReader reader) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String first = line.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (first == null) {
                throw new IOException("plugin closed stdout without a handshake line; exit "
                        + process.waitFor() + ", stderr: " + stderrLines());
            }
            return first;
        } catch (TimeoutException e) {
            throw new IOException("no handshake line within " + START_TIMEOUT_SECONDS + " s; stderr: "
                    + stderrLines(), e);
        } catch (ExecutionException e) {
            throw new IOException("cannot read the handshake line: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the handshake line", e);
        }
    }

    private static void drain(BufferedReader stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = stream) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<" + name + " unreadable: " + e + ">");
            }
        }, "plugin-" + name);
        reader.setDaemon(true);
        reader.start();
    }
}
