package dev.pnode.rpc.transport;

import dev.pnode.api.socket.PrivateSocketListener;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
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
    private static final Duration LINGER = Duration.ofSeconds(2);
    /** How often waiting connections are checked against their timeouts, at most. */
    private static final Duration MAX_IDLE_PRECISION = Duration.ofSeconds(1);

    private final Path path;
    private final JsonRpcDispatcher dispatcher;
    private final int maxRequestBytes;
    private final Duration idleTimeout;
    private final ThreadPoolExecutor connections;
    private final ScheduledThreadPoolExecutor idleTimer;
    private final IdleGuard.Sweep idleGuards;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
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
        // a framing error may then last up to a second longer than LINGER
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

    private void serve(SocketChannel connection) {
        open.add(connection);
        IdleGuard idle = idleGuards.guard(idleTimeout, connection);
        try (connection) {
            JsonValueFramer framer = new JsonValueFramer(new GuardedInput(connection, idle), maxRequestBytes);
            while (true) {
                String request;
                try {
                    request = framer.next();
                } catch (JsonValueFramer.FramingException e) {
                    answer(connection, idle, Optional.of(Responses.errorText(
                            new JsonRpcError(JsonRpcError.PARSE_ERROR, "parse error: " + e.getMessage()
                                    + "; closing the connection"))));
                    lingerBeforeClosing(connection);
                    return;
                }
                if (request == null) {
                    return;
                }
                answer(connection, idle, request);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "IPC connection ended: {0}", e.toString());
        } finally {
            idleGuards.release(idle);
            open.remove(connection);
        }
    }

    /**
     * Closing a socket with unread input resets it, and the client would lose the error just sent: stop writing,
     * then read and drop what the client still sends, for a short while and a bounded amount.
     */
    private void lingerBeforeClosing(SocketChannel connection) throws IOException {
        connection.shutdownOutput();
        IdleGuard linger = idleGuards.guard(LINGER, connection);
        ByteBuffer discard = ByteBuffer.allocate(64 * 1024);
        long drained = 0;
        try {
            while (drained < maxRequestBytes) {
                linger.arm();
                int read = connection.read(discard.clear());
                if (read < 0) {
                    return;
                }
                drained += read;
            }
        } finally {
            idleGuards.release(linger);
        }
    }

    /**
     * Answers one request. A plugin method that answers later has its answer written by the thread that completes it
     * (the plugin channel's I/O thread), so that the client is woken by that write and not after another wake-up of
     * this connection's thread (BENCHMARKS.md, figure 7 session 13). That thread must never block on a client that
     * does not read: it writes while the channel is non-blocking (no read is in progress then: this thread waits for
     * the answer before it reads the next request, which also keeps the answers in order) and leaves what does not
     * fit in the socket's buffer to this thread, which writes it blocking, under the idle timeout, as before.
     */
    private void answer(SocketChannel connection, IdleGuard idle, String request) throws IOException {
        connection.configureBlocking(false);
        ByteBuffer unwritten;
        try {
            unwritten = dispatcher.handleAsync(dispatcher.read(request), method -> true, Runnable::run)
                    .thenApply(response -> writeWithoutBlocking(connection, response)).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException failed) {
                throw failed.getCause();
            }
            throw e;
        } finally {
            connection.configureBlocking(true);
        }
        if (unwritten != null && unwritten.hasRemaining()) {
            write(connection, idle, unwritten);
        }
    }

    /** @return what did not fit, or null for nothing to answer */
    private static ByteBuffer writeWithoutBlocking(SocketChannel connection, Optional<String> response) {
        if (response.isEmpty()) {
            return null;
        }
        ByteBuffer bytes = line(response.get());
        try {
            connection.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    private static ByteBuffer line(String response) {
        byte[] text = response.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(text.length + 1).put(text).put((byte) '\n').flip();
    }

    private static void answer(SocketChannel connection, IdleGuard idle, Optional<String> response)
            throws IOException {
        if (response.isEmpty()) {
            return;
        }
        write(connection, idle, line(response.get()));
    }

    private static void write(SocketChannel connection, IdleGuard idle, ByteBuffer bytes) throws IOException {
        idle.arm();
        try {
            while (bytes.hasRemaining()) {
                connection.write(bytes);
            }
        } finally {
            idle.disarm();
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

    /** Stops listening, ends every connection and removes the socket file if it is ours. */
    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close();
        }
        for (SocketChannel connection : open) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing is all we want
            }
        }
        connections.shutdownNow();
        try {
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        idleGuards.close();
        idleTimer.shutdownNow();
    }

    /**
     * Reads the channel straight into the framer's buffer (no stream wrapper and its lock per read), with the idle
     * guard armed around every blocking read.
     */
    private static final class GuardedInput extends InputStream {
        private final SocketChannel channel;
        private final IdleGuard idle;

        GuardedInput(SocketChannel channel, IdleGuard idle) {
            this.channel = channel;
            this.idle = idle;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            idle.arm();
            try {
                return channel.read(ByteBuffer.wrap(buffer, offset, length));
            } finally {
                idle.disarm();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }
    }
}
