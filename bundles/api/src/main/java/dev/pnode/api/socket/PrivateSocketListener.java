package dev.pnode.api.socket;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Listens on a unix domain socket only the node's user may connect to (mode 0600) and hands every connection to a
 * handler, on one daemon thread. A socket file left by a killed node is replaced; a file that is not a socket, or a
 * socket another live process serves, is left alone and the listener does not start. Closing stops accepting and
 * removes the socket file; the connections handed out are the handler's to close.
 */
public final class PrivateSocketListener implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PrivateSocketListener.class.getName());

    private final Path path;
    private final String description;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    private PrivateSocketListener(Path path, String description, ServerSocketChannel server, String threadName,
            Consumer<SocketChannel> handler) {
        this.path = path;
        this.description = description;
        this.server = server;
        this.acceptor = new Thread(() -> acceptLoop(handler), threadName);
        this.acceptor.setDaemon(true);
    }

    /**
     * @param description what listens, for errors and logs, e.g. {@code the IPC socket}
     * @param threadName the accepting thread's name
     * @param handler takes each connection, on the accepting thread: hand long work to another thread
     * @throws IOException naming the path and the problem (a file in the way, another process serving it, ...)
     */
    public static PrivateSocketListener listen(Path path, String description, String threadName,
            Consumer<SocketChannel> handler) throws IOException {
        removeStaleSocket(path, description);
        Files.createDirectories(path.toAbsolutePath().getParent());
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException(cannotListen(description, path) + e.getMessage(), e);
        }
        PrivateSocketListener listener = new PrivateSocketListener(path, description, server, threadName, handler);
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw new IOException(cannotListen(description, path) + e.getMessage(), e);
        }
        listener.acceptor.start();
        return listener;
    }

    public Path path() {
        return path;
    }

    private static void removeStaleSocket(Path path, String description) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                || Files.isSymbolicLink(path)) {
            throw new IOException(cannotListen(description, path) + "a file that is not a socket is in the way");
        }
        if (isServed(path)) {
            throw new IOException(cannotListen(description, path) + "another process is serving it");
        }
        LOG.log(Level.INFO, "removing the stale socket {0}", path);
        Files.deleteIfExists(path);
    }

    private static String cannotListen(String description, Path path) {
        return "cannot listen on " + description + " " + path + ": ";
    }

    private static boolean isServed(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private void acceptLoop(Consumer<SocketChannel> handler) {
        while (true) {
            SocketChannel connection;
            try {
                connection = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, description + ": accept failed: " + e.getMessage(), e);
                if (!server.isOpen()) {
                    return;
                }
                continue;
            }
            handler.accept(connection);
        }
    }

    /** Stops accepting (waits a moment for the accepting thread) and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing " + description + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove " + description + " " + path + ": " + e.getMessage(), e);
        }
    }
}
