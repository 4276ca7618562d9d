package dev.pnode.rpc.transport;

import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.Responses;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One IPC connection, served by one thread that does not wait for a plugin's answer: the answer is written by the
 * thread it arrives on (the plugin channel's I/O thread), so the client is woken by that write and not after a
 * wake-up of this thread (BENCHMARKS.md, figure 7, sessions 13 and 14). That thread must never block on a client that
 * does not read, so the channel is non-blocking for its whole life (no mode switch per call) and what does not fit in
 * the socket's buffer is left to this thread, which waits for the socket in its own {@link Selector}, under the idle
 * timeout. Requests are handled one at a time: the next one is started once the previous answer is written, which
 * keeps the answers in order.
 */
final class IpcConnection implements Closeable {

    private static final System.Logger LOG = System.getLogger(IpcConnection.class.getName());
    private static final Duration LINGER = Duration.ofSeconds(2);
    private static final CompletableFuture<ByteBuffer> NOTHING_ANSWERING = CompletableFuture.completedFuture(null);

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final JsonRpcDispatcher dispatcher;
    private final IdleGuard.Sweep guards;
    private final IdleGuard idle;
    private final int maxRequestBytes;
    /**
     * The answer to the request in progress: what its thread could not write (null: all of it, or nothing to
     * answer). Only this connection's thread reads and replaces it.
     */
    private CompletableFuture<ByteBuffer> answering = NOTHING_ANSWERING;

    private IpcConnection(SocketChannel channel, Selector selector, JsonRpcDispatcher dispatcher,
            IdleGuard.Sweep guards, Duration idleTimeout, int maxRequestBytes) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.key = channel.register(selector, SelectionKey.OP_READ);
        this.dispatcher = dispatcher;
        this.guards = guards;
        this.idle = guards.guard(idleTimeout, this);
        this.maxRequestBytes = maxRequestBytes;
    }

    /** @param idleTimeout how long the connection may wait for its client (idle, or not reading its answers) */
    static IpcConnection open(SocketChannel channel, JsonRpcDispatcher dispatcher, IdleGuard.Sweep guards,
            Duration idleTimeout, int maxRequestBytes) throws IOException {
        channel.configureBlocking(false);
        Selector selector = Selector.open();
        try {
            return new IpcConnection(channel, selector, dispatcher, guards, idleTimeout, maxRequestBytes);
        } catch (IOException e) {
            selector.close();
            throw e;
        }
    }

    /** Serves the connection until it ends, then closes it. */
    void serve() {
        try (channel; selector) {
            idle.arm();
            JsonValueFramer framer = new JsonValueFramer(new WaitingInput(), maxRequestBytes);
            while (true) {
                String request;
                try {
                    request = framer.next();
                } catch (JsonValueFramer.FramingException e) {
                    finishAnswer();
                    write(line(Responses.errorText(new JsonRpcError(JsonRpcError.PARSE_ERROR, "parse error: "
                            + e.getMessage() + "; closing the connection"))));
                    lingerBeforeClosing();
                    return;
                }
                finishAnswer();
                if (request == null) {
                    return;
                }
                start(request);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "IPC connection ended: {0}", e.toString());
        } finally {
            guards.release(idle);
        }
    }

    /**
     * Starts handling a request: methods that can only block run here, a plugin's answer is written by the thread it
     * arrives on.
     */
    private void start(String request) {
        idle.disarm();
        answering = dispatcher.handleAsync(dispatcher.read(request), method -> true, Runnable::run)
                .thenApply(this::writeWithoutBlocking).toCompletableFuture();
        // woken only once the answer is done, else this thread could look, find it not yet done and wait for the
        // client with the answer's rest unwritten
        answering.whenComplete((unwritten, failure) -> {
            if (unwritten != null || failure != null) {
                selector.wakeup();
            }
        });
    }

    /**
     * On the answering thread. @return what did not fit in the socket (this connection's thread, woken, writes it),
     * or null when all was written or there was nothing to answer
     */
    private ByteBuffer writeWithoutBlocking(Optional<String> response) {
        if (response.isEmpty()) {
            idle.arm();
            return null;
        }
        ByteBuffer bytes = line(response.get());
        try {
            channel.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.hasRemaining()) {
            return bytes;
        }
        idle.arm();
        return null;
    }

    /** Waits until the answer in progress is written, writing what its thread left. */
    private void finishAnswer() throws IOException {
        ByteBuffer unwritten;
        try {
            unwritten = answering.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException failed) {
                throw failed.getCause();
            }
            throw e;
        }
        answering = NOTHING_ANSWERING;
        if (unwritten != null) {
            write(unwritten);
        }
    }

    private void write(ByteBuffer bytes) throws IOException {
        idle.arm();
        while (true) {
            channel.write(bytes);
            if (!bytes.hasRemaining()) {
                return;
            }
            await(SelectionKey.OP_WRITE);
        }
    }

    /**
     * Closing a socket with unread input resets it, and the client would lose the error just sent: stop writing,
     * then read and drop what the client still sends, for a short while and a bounded amount.
     */
    private void lingerBeforeClosing() throws IOException {
        channel.shutdownOutput();
        IdleGuard linger = guards.guard(LINGER, this);
        ByteBuffer discard = ByteBuffer.allocate(64 * 1024);
        long drained = 0;
        try {
            while (drained < maxRequestBytes) {
                linger.arm();
                int read = channel.read(discard.clear());
                if (read < 0) {
                    return;
                }
                if (read == 0) {
                    await(SelectionKey.OP_READ);
                }
                drained += read;
            }
        } finally {
            guards.release(linger);
        }
    }

    /** Until the socket is ready for {@code operation}, or this thread is woken (an answer's rest, a close). */
    private void await(int operation) throws IOException {
        key.interestOps(operation);
        selector.select(ready -> { });
        if (!channel.isOpen() || Thread.currentThread().isInterrupted()) {
            throw new AsynchronousCloseException();
        }
    }

    private static ByteBuffer line(String response) {
        byte[] text = response.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(text.length + 1).put(text).put((byte) '\n').flip();
    }

    /** From any thread (the idle sweep, the server closing): ends the connection; its thread sees it and leaves. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            selector.wakeup();
        }
    }

    /**
     * The channel as the framer's stream: a read waits in the selector when nothing has arrived, and while it waits
     * for the client (no request in progress) the idle guard is armed.
     */
    private final class WaitingInput extends InputStream {
        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            ByteBuffer into = ByteBuffer.wrap(buffer, offset, length);
            while (true) {
                int read = channel.read(into);
                if (read != 0) {
                    return read;
                }
                if (answering.isDone()) {
                    finishAnswer();
                    idle.arm();
                }
                await(SelectionKey.OP_READ);
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
