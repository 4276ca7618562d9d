package dev.pnode.sdk;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The started gRPC server and where it listens: a unix socket named like go-plugin's ({@code <dir>/plugin<random>})
 * or 127.0.0.1 on the first free port of go-plugin's range.
 *
 * @param network {@code unix} or {@code tcp}, as the handshake line says it
 * @param address the socket path or {@code 127.0.0.1:<port>}
 * @param socket the socket file to delete on exit, for unix sockets
 */
record PluginListener(Server server, String network, String address, Optional<Path> socket,
        Optional<EventLoopGroup> eventLoops) {

    /** Longest unix socket path Linux accepts (sun_path is 108 bytes including the terminating NUL). */
    static final int MAX_SOCKET_PATH_BYTES = 107;

    static PluginListener start(PluginEnvironment environment, Consumer<NettyServerBuilder> configuration) {
        return environment.wantsTcp() ? startTcp(environment.portRange(), configuration)
                : startUnix(environment.socketDirectory(), environment.socketGroup(), configuration);
    }

    private static PluginListener startUnix(Path directory, Optional<String> group,
            Consumer<NettyServerBuilder> configuration) {
        if (!Epoll.isAvailable()) {
            throw new PluginStartException("unix sockets need netty's epoll transport, which is unavailable here ("
                    + Epoll.unavailabilityCause() + "); set " + PluginEnvironment.TRANSPORT + "=tcp to serve on TCP");
        }
        Path socket = reserveSocketPath(directory);
        EventLoopGroup eventLoops = new EpollEventLoopGroup(2, new DefaultThreadFactory("pnode-plugin-grpc", true));
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(eventLoops)
                .workerEventLoopGroup(eventLoops);
        configuration.accept(builder);
        try {
            Server server = builder.build().start();
            PluginListener listener = new PluginListener(server, "unix", socket.toString(), Optional.of(socket),
                    Optional.of(eventLoops));
            try {
                group.ifPresent(name -> shareWithGroup(socket, name));
            } catch (PluginStartException e) {
                listener.stop(0);
                throw e;
            }
            return listener;
        } catch (IOException | RuntimeException e) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e instanceof PluginStartException start ? start
                    : new PluginStartException("cannot listen on unix socket " + socket + ": " + e.getMessage(), e);
        }
    }

    /** go-plugin's setGroupWritable: the group owns the socket and may read and write it. */
    private static void shareWithGroup(Path socket, String group) {
        try {
            GroupPrincipal principal = socket.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(group);
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new PluginStartException("cannot give group \"" + group + "\" (" + PluginEnvironment.UNIX_SOCKET_GROUP
                    + ") the plugin socket " + socket + ": " + e, e);
        }
    }

    /** Like go's os.CreateTemp then remove: a fresh, unused name in the directory. */
    private static Path reserveSocketPath(Path directory) {
        try {
            Path socket = Files.createTempFile(directory, "plugin", "");
            Files.delete(socket);
            int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
            if (length > MAX_SOCKET_PATH_BYTES) {
                throw new PluginStartException("unix socket path " + socket + " is " + length
                        + " bytes, longer than the " + MAX_SOCKET_PATH_BYTES + " a unix socket allows; set "
                        + PluginEnvironment.UNIX_SOCKET_DIR + " to a shorter directory");
            }
            return socket;
        } catch (IOException e) {
            throw new PluginStartException("cannot create a unix socket in " + directory + " ("
                    + PluginEnvironment.UNIX_SOCKET_DIR + "): " + e, e);
        }
    }

    private static PluginListener startTcp(PluginEnvironment.PortRange ports,
            Consumer<NettyServerBuilder> configuration) {
        for (int port = ports.min(); port <= ports.max(); port++) {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
            configuration.accept(builder);
            try {
                Server server = builder.build().start();
                return new PluginListener(server, "tcp", "127.0.0.1:" + server.getPort(), Optional.empty(),
                        Optional.empty());
            } catch (IOException e) {
                // taken: try the next port, as go-plugin does
            }
        }
        throw new PluginStartException("couldn't bind plugin TCP listener on 127.0.0.1 ports " + ports.min() + ".."
                + ports.max() + " (" + PluginEnvironment.MIN_PORT + ".." + PluginEnvironment.MAX_PORT + ")");
    }

    /** Stops accepting calls, waits up to {@code grace} for running ones, then deletes the socket file. */
    void stop(long graceMillis) {
        server.shutdown();
        try {
            if (!server.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                server.shutdownNow().awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        eventLoops.ifPresent(group -> group.shutdownGracefully(0, graceMillis, TimeUnit.MILLISECONDS));
        deleteSocket();
    }

    void deleteSocket() {
        socket.ifPresent(path -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete plugin socket " + path, e);
            }
        });
    }
}
