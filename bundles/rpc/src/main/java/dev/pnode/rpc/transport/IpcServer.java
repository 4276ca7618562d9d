package dev.pnode.rpc.transport;

import dev.pnode.api.socket.PrivateSocketListener;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.Responses;
import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JSON-RPC over a unix domain socket, like geth's IPC endpoint: a stream of JSON values per connection, each
 * answered on one line, in order. The socket file is private to the node's user (0600); a stale one left by a
 * killed node is replaced, a live one (another node) is not.
 */
public final class IpcServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(IpcServer.class.getName());
    /** How often waiting connections are checked against their timeouts, at most. */
    private static final Duration MAX_IDLE_PRECISION = Duration.ofSeconds(1);

    private final Path path;
    private final JsonRpcDispatcher dispatcher;
    private final int maxRequestBytes;
    private final Duration idleTimeout;
    private final ThreadPoolExecutor connections;
    private final ScheduledThreadPoolExecutor idleTimer;
    private final IdleGuard.Sweep idleGuards;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    /** Null until started, and when starting failed (then the socket file is not ours to remove). */
    private PrivateSocketListener listener;

    /**
     * @param maxConnections connections served at once; more are told so and closed
     * @param idleTimeout how long a connection may wait for its client (idle, or not reading its answers)
     */
    public IpcServer(Path path, JsonRpcDispatcher dispatcher, int maxRequestBytes, int maxConnections,
            Duration idleTimeout) {
        this.path = path;
        this.dispatcher = dispatcher;
        this.maxRequestBytes = maxRequestBytes;
        this.idleTimeout = idleTimeout;
        this.connections = new ThreadPoolExecutor(0, maxConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named("pnode-ipc-connection"));
        this.idleTimer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("pnode-ipc-idle"));
        this.idleTimer.setRemoveOnCancelPolicy(true);
        // a tenth of the idle timeout, at most a second (the default 10 minutes: once a second); the linger after
        // a framing error may then last up to a second longer than its 2 s
        Duration precision = idleTimeout.dividedBy(10);
        this.idleGuards = new IdleGuard.Sweep(idleTimer, precision.compareTo(MAX_IDLE_PRECISION) > 0
                ? MAX_IDLE_PRECISION : precision.isZero() ? Duration.ofMillis(1) : precision);
    }

    /** Listens; fails with a message naming the path when it cannot. */
    public synchronized void start() throws IOException {
        listener = PrivateSocketListener.listen(path, "the IPC socket", "pnode-ipc-accept", this::accept);
        LOG.log(Level.INFO, "JSON-RPC IPC endpoint listening on {0}", path);
    }

    private void accept(SocketChannel connection) {
        try {
            connections.execute(() -> serve(connection));
        } catch (RejectedExecutionException e) {
            refuse(connection, "too many IPC connections (limit " + connections.getMaximumPoolSize() + ")");
        }
    }

    private void serve(SocketChannel channel) {
        IpcConnection connection;
        try {
            connection = IpcConnection.open(channel, dispatcher, idleGuards, idleTimeout, maxRequestBytes);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot serve an IPC connection: {0}", e.toString());
            closeQuietly(channel);
            return;
        }
        open.add(connection);
        try {
            connection.serve();
        } finally {
            open.remove(connection);
        }
    }

    private static void refuse(SocketChannel connection, String reason) {
        LOG.log(Level.WARNING, "refusing an IPC connection: {0}", reason);
        try (connection) {
            connection.configureBlocking(false);
            connection.write(ByteBuffer.wrap((Responses.errorText(JsonRpcError.serverError(reason)) + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // the client is gone already
        }
    }

    private static void closeQuietly(Closeable connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // closing is all we want
        }
    }

    /** Stops listening, ends every connection and removes the socket file if it is ours. */
    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close();
        }
        open.forEach(IpcServer::closeQuietly);
        connections.shutdownNow();
        try {
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        idleGuards.close();
        idleTimer.shutdownNow();
    }
}
