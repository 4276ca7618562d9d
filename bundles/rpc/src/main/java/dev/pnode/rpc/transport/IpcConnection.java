package dev.pnode.rpc.transport;

import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.Responses;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One IPC connection, served by its own thread (the reader): requests are read, started and answered one after the
 * other, in order. A request whose answer comes later (a plugin method with an asynchronous contract variant) is
 * answered by the thread the answer comes on (the plugin channel's), while the reader goes back to waiting for the
 * client: the reader does not wait for the plugin, so a call costs one thread wake-up fewer. The socket is
 * non-blocking, so that thread never waits for a client that does not read its answers: what the socket does not
 * take is left to the reader, which writes it once the socket takes more and reads no further request meanwhile.
 * Methods that can only block run on the reader, as before.
 */
final class IpcConnection implements Closeable {

    private static final System.Logger LOG = System.getLogger(IpcConnection.class.getName());
    /** Methods that can only block run on the connection's own thread, which serves nobody else. */
    private static final Executor ON_READER = Runnable::run;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final JsonRpcDispatcher dispatcher;
    private final IdleGuard idle;

    /** A request was started and its answer has not come yet. Guarded by this. */
    private boolean answerPending;
    /** Answer bytes the socket has not taken yet, or null. Guarded by this. */
    private ByteBuffer unwritten;
    /** The reader waits in {@link #await} for the pending answer (not for the client). Guarded by this. */
    private boolean readerAwaitsAnswer;

    /**
     * @param idle armed by this connection while it waits for its client; its sweep closes this connection
     */
    IpcConnection(SocketChannel channel, JsonRpcDispatcher dispatcher, IdleGuard.Sweep sweep, Duration idleTimeout)
            throws IOException {
        this.channel = channel;
        this.dispatcher = dispatcher;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        this.key = channel.register(selector, 0);
        this.idle = sweep.guard(idleTimeout, this);
    }

    /** The connection's requests as a stream, for the framer; waits for the client without holding the socket. */
    InputStream requests() {
        return new InputStream() {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                ByteBuffer into = ByteBuffer.wrap(buffer, offset, length);
                while (true) {
                    int read = channel.read(into);
                    if (read != 0) {
                        return read;
                    }
                    await(SelectionKey.OP_READ, false);
                }
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int read = read(one, 0, 1);
                return read < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    /**
     * Starts a request after the previous one's answer is out; its answer is written when it comes, by the thread
     * it comes on.
     */
    void answer(String request) throws IOException {
        previousAnswerWritten();
        synchronized (this) {
            answerPending = true;
        }
        CompletionStage<Optional<String>> answer;
        try {
            answer = dispatcher.handleAsync(dispatcher.read(request), method -> true, ON_READER);
        } catch (RuntimeException bug) {
            answer = CompletableFuture.failedFuture(bug);
        }
        answer.whenComplete((text, failure) -> answered(failure == null ? text : internalError(failure)));
    }

    /** The dispatcher answers every failure of a method: this is a bug, and the client is told so. */
    private static Optional<String> internalError(Throwable failure) {
        LOG.log(Level.ERROR, "IPC JSON-RPC request failed unexpectedly", failure);
        return Optional.of(Responses.errorText(new JsonRpcError(JsonRpcError.INTERNAL_ERROR,
                "internal error: " + failure)));
    }

    /** Sends an answer of the connection's own (a framing error) after the previous one's. */
    void answerNow(String text) throws IOException {
        previousAnswerWritten();
        synchronized (this) {
            answerPending = true;
        }
        answered(Optional.of(text));
        previousAnswerWritten();
    }

    /** Returns once every answer started is written: at the end, and before the next request is started. */
    void previousAnswerWritten() throws IOException {
        while (!allWritten()) {
            await(0, true);
        }
    }

    private synchronized boolean allWritten() {
        return !answerPending && unwritten == null;
    }

    /** On the thread the answer came on: as much as the socket takes now, the rest left to the reader. */
    private void answered(Optional<String> text) {
        boolean wakeReader;
        synchronized (this) {
            answerPending = false;
            if (text.isPresent()) {
                ByteBuffer bytes = ByteBuffer.wrap((text.get() + "\n").getBytes(StandardCharsets.UTF_8));
                try {
                    channel.write(bytes);
                } catch (IOException gone) {
                    LOG.log(Level.DEBUG, "IPC connection ended while answering: {0}", gone.toString());
                    closeQuietly();
                    return;
                }
                unwritten = bytes.hasRemaining() ? bytes : null;
            }
            wakeReader = readerAwaitsAnswer || unwritten != null;
        }
        if (wakeReader) {
            selector.wakeup();
        }
    }

    /**
     * Waits until the socket is ready for {@code operations} (and writable while answer bytes wait), or until an
     * answer came when {@code forAnswer}; writes what the socket takes meanwhile. Waits for the client are guarded
     * by the idle timeout.
     */
    private void await(int operations, boolean forAnswer) throws IOException {
        boolean waitsForClient;
        synchronized (this) {
            if (forAnswer && !answerPending && unwritten == null) {
                return; // it came since the caller looked
            }
            if (unwritten != null) {
                operations |= SelectionKey.OP_WRITE;
            }
            readerAwaitsAnswer = forAnswer;
            waitsForClient = operations != 0 && !answerPending;
        }
        try {
            key.interestOps(operations);
        } catch (CancelledKeyException closed) {
            throw new ClosedChannelException();
        }
        if (waitsForClient) {
            idle.arm();
        }
        try {
            selector.select();
        } finally {
            idle.disarm();
            synchronized (this) {
                readerAwaitsAnswer = false;
            }
        }
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            // the server is shutting down; a select would return at once from now on
            throw new InterruptedIOException("the IPC server is stopping");
        }
        writeUnwritten();
    }

    private synchronized void writeUnwritten() throws IOException {
        if (unwritten != null) {
            channel.write(unwritten);
            if (!unwritten.hasRemaining()) {
                unwritten = null;
            }
        }
    }

    /**
     * Closing a socket with unread input resets it, and the client would lose the error just sent: stop writing,
     * then read and drop what the client still sends, for {@code linger} at most and a bounded amount.
     */
    void lingerBeforeClosing(Duration linger, long maxBytes) throws IOException {
        channel.shutdownOutput();
        ByteBuffer discard = ByteBuffer.allocate(64 * 1024);
        long until = System.nanoTime() + linger.toNanos();
        long drained = 0;
        key.interestOps(SelectionKey.OP_READ);
        while (drained < maxBytes) {
            int read = channel.read(discard.clear());
            if (read < 0) {
                return;
            }
            drained += read;
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (read == 0) {
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
            }
        }
    }

    /** Ends the connection; a reader waiting for it wakes up and finds it closed. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            selector.wakeup();
        }
    }

    /** Once the reader is done with the connection. */
    void release(IdleGuard.Sweep sweep) {
        sweep.release(idle);
        closeQuietly();
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // closing is all we want
        }
    }
}
