package dev.pnode.sdk;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The started gRPC server and where it listens: a unix socket named like go-plugin's ({@code <dir>/plugin<random>},
 * served by netty, {@link NettyTransport}) or 127.0.0.1 on the first free port of go-plugin's range (served by
 * grpc-okhttp, {@link OkHttpTransport}).
 *
 * @param network {@code unix} or {@code tcp}, as the handshake line says it
 * @param address the socket path or {@code 127.0.0.1:<port>}
 * @param socket the socket file to delete on exit, for unix sockets
 * @param releaseTransport frees what the transport holds beyond the server (netty's event loops), given the grace
 */
record PluginListener(Server server, String network, String address, Optional<Path> socket,
        LongConsumer releaseTransport) {

    /** Longest unix socket path Linux accepts (sun_path is 108 bytes including the terminating NUL). */
    static final int MAX_SOCKET_PATH_BYTES = 107;

    /**
     * @param mtls the TLS server's identity and the client certificates it accepts; plaintext when empty
     * @param services adds the services and interceptors, whatever the transport
     */
    static PluginListener start(PluginEnvironment environment, Optional<AutoMtls> mtls,
            Consumer<ServerBuilder<?>> services) {
        return environment.wantsTcp() ? OkHttpTransport.serve(environment.portRange(), mtls, services)
                : NettyTransport.serve(environment.socketDirectory(), environment.socketGroup(), mtls, services);
    }

    /** Like go's os.CreateTemp then remove: a fresh, unused name in the directory. */
    static Path reserveSocketPath(Path directory) {
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
        releaseTransport.accept(graceMillis);
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
