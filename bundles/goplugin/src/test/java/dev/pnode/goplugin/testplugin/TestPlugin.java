package dev.pnode.goplugin.testplugin;

import com.google.protobuf.ByteString;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeLine;
import dev.pnode.proto.goplugin.Empty;
import dev.pnode.proto.goplugin.GRPCControllerGrpc;
import dev.pnode.proto.goplugin.GRPCStdioGrpc;
import dev.pnode.proto.goplugin.StdioData;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A go-plugin server written directly against grpc-java, for tests only: it behaves (or misbehaves) as its first
 * argument says, so the host is tested against real child processes instead of mocks.
 */
public final class TestPlugin {

    public static final String COOKIE_KEY = "PNODE_TEST_COOKIE";
    public static final String COOKIE_VALUE = "d2f1c0ffee";
    /** Without this argument the plugin exits when its stdin closes, so a crashed test leaves no process. */
    public static final String SURVIVE_HOST = "survive-host";

    private static final PrintStream STDOUT = System.out;
    private static final PrintStream STDERR = System.err;

    private final String mode;
    private final AtomicInteger healthChecks = new AtomicInteger();
    private Server server;

    private TestPlugin(String mode) {
        this.mode = mode;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "normal";
        if (!COOKIE_VALUE.equals(System.getenv(COOKIE_KEY))) {
            STDERR.println("This binary is a plugin. These are not meant to be executed directly.");
            System.exit(1);
        }
        if (!Arrays.asList(args).contains(SURVIVE_HOST)) {
            exitWhenStdinCloses();
        }
        new TestPlugin(mode).run();
    }

    private void run() throws Exception {
        switch (mode) {
            case "silent" -> sleepForever();
            case "garbage" -> {
                STDOUT.println("starting up, please wait");
                STDOUT.println("1|one|unix|/nowhere|grpc|");
                STDOUT.flush();
                sleepForever();
            }
            case "exit-during-handshake" -> {
                STDERR.println("loading configuration");
                STDERR.println("fatal: configuration file missing");
                System.exit(3);
            }
            case "wrong-version" -> handshakeOnly("1|2|unix|/tmp/nowhere.sock|grpc|");
            case "netrpc" -> handshakeOnly("1|1|tcp|127.0.0.1:1234|netrpc|");
            case "long-line" -> handshakeOnly("x".repeat(HandshakeLine.MAX_LENGTH + 10));
            case "wrong-address" -> handshakeOnly("1|1|unix|" + System.getenv("PLUGIN_UNIX_SOCKET_DIR")
                    + "/nobody-listens.sock|grpc|");
            default -> serve();
        }
    }

    private static void handshakeOnly(String line) throws InterruptedException {
        STDOUT.println(line);
        STDOUT.flush();
        sleepForever();
    }

    private void serve() throws Exception {
        if (mode.equals("hang-on-shutdown")) {
            ignoreSigterm();
        }
        String clientPem = System.getenv("PLUGIN_CLIENT_CERT");
        boolean tls = clientPem != null && !mode.equals("no-cert");
        EphemeralCertificate identity = EphemeralCertificate.generate();
        NettyServerBuilder builder;
        String network;
        String address;
        if (mode.equals("tcp")) {
            int port = freePort(Integer.parseInt(System.getenv("PLUGIN_MIN_PORT")),
                    Integer.parseInt(System.getenv("PLUGIN_MAX_PORT")));
            builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
            network = "tcp";
            address = "127.0.0.1:" + port;
        } else {
            address = Path.of(System.getenv("PLUGIN_UNIX_SOCKET_DIR"), "plugin.sock").toString();
            EpollEventLoopGroup group = new EpollEventLoopGroup(1);
            builder = NettyServerBuilder.forAddress(new DomainSocketAddress(address))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(group)
                    .workerEventLoopGroup(group)
                    .withChildOption(ChannelOption.SO_KEEPALIVE, null);
            network = "unix";
        }
        if (tls) {
            X509Certificate client = EphemeralCertificate.parseCertificate(clientPem);
            builder.sslContext(GrpcSslContexts.configure(
                    SslContextBuilder.forServer(identity.privateKey(), identity.certificate()), SslProvider.JDK)
                    .trustManager(client)
                    .clientAuth(ClientAuth.REQUIRE)
                    .build());
        }
        builder.addService(new Health()).addService(new Controller()).addService(new Stdio());
        if (mode.equals("broker")) {
            builder.addService(new TestBroker(identity, tls ? EphemeralCertificate.parseCertificate(clientPem) : null,
                    Path.of(System.getenv("PLUGIN_UNIX_SOCKET_DIR")), STDERR));
        }
        server = builder.build().start();
        X509Certificate announced = mode.equals("wrong-cert")
                ? EphemeralCertificate.generate().certificate()
                : identity.certificate();
        STDOUT.println(HandshakeLine.grpc(1, network, address, tls ? Optional.of(announced) : Optional.empty())
                .toLine());
        STDOUT.flush();
        STDERR.println("{\"@level\":\"warn\",\"@message\":\"disk almost full\",\"@module\":\"test\","
                + "\"@timestamp\":\"2026-01-01T00:00:00Z\",\"free\":\"1%\"}");
        STDERR.println("plain text on stderr");
        STDERR.println("environment: " + new TreeSet<>(System.getenv().keySet()));
        if (mode.equals("flood")) {
            flood();
        }
        STDERR.flush();
        server.awaitTermination();
        System.exit(0);
    }

    private final class Health extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
            HealthCheckResponse.ServingStatus status = request.getService().equals("plugin")
                    ? HealthCheckResponse.ServingStatus.SERVING
                    : HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN;
            response.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
            response.onCompleted();
            if (mode.equals("die-after-start") && healthChecks.incrementAndGet() == 2) {
                exitSoon(7);
            }
        }
    }

    private final class Controller extends GRPCControllerGrpc.GRPCControllerImplBase {
        @Override
        public void shutdown(Empty request, StreamObserver<Empty> response) {
            if (mode.equals("hang-on-shutdown")) {
                return;
            }
            // like go-plugin's Stop(): end every call (the GRPCStdio stream too) before replying, so the caller
            // usually sees UNAVAILABLE
            server.shutdownNow();
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        }
    }

    private static final class Stdio extends GRPCStdioGrpc.GRPCStdioImplBase {
        @Override
        public void streamStdio(com.google.protobuf.Empty request, StreamObserver<StdioData> response) {
            response.onNext(StdioData.newBuilder().setChannel(StdioData.Channel.STDERR)
                    .setData(ByteString.copyFromUtf8("hello via grpc")).build());
            response.onNext(StdioData.newBuilder().setChannel(StdioData.Channel.STDERR)
                    .setData(ByteString.copyFromUtf8(" stdio\n")).build());
        }
    }

    /** Many lines, then one line of 1 MiB, as a plugin stuck in a print loop would. */
    private static void flood() {
        for (int i = 0; i < 20_000; i++) {
            STDERR.println("flood line " + i);
        }
        STDERR.print("y".repeat(1024 * 1024));
        STDERR.println();
        STDERR.println("flood done");
    }

    private static int freePort(int min, int max) throws IOException {
        for (int port = min; port <= max; port++) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // try the next one, as go-plugin does
            }
        }
        throw new IOException("no free port in " + min + "-" + max);
    }

    private static void exitSoon(int status) {
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(status);
        });
        exit.start();
    }

    @SuppressWarnings("restriction")
    private static void ignoreSigterm() {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> STDERR.println("ignoring SIGTERM"));
    }

    private static void exitWhenStdinCloses() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the host never writes; only the end of the stream matters
                }
            } catch (IOException e) {
                // treat like end of stream
            }
            Runtime.getRuntime().halt(2);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void sleepForever() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
