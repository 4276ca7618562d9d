package dev.pnode.rpc.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's thread pool, except for resuming a kept-alive HTTP/1 connection whose request was answered by another
 * thread. Jetty hands such a connection to a pool thread once the answer is written (JSON-RPC answers come on the
 * plugin channel's thread, after the handler returned), and with no request of the client's already read that
 * thread only reads nothing and asks the selector to watch the connection again (fill interest). That is done here
 * at once, on the answering thread, without waking a pool thread: with 16 clients the pool's threads spent about as
 * much CPU parking and waking for these hand-offs as on the requests themselves (BENCHMARKS.md, figure 7 session 17).
 * A connection with a request already read (pipelined) is resumed as before: on a pool thread while the pool has
 * threads to spare, on the answering thread while the pool is at its maximum with none to spare (Jetty's
 * {@link #isLowOnThreads()}), so kept-alive connections are still served while blocking work holds every thread; a
 * connection resumed while another is being resumed on the same thread (a pipelined request answered at once) goes
 * to the pool as Jetty intends, so the stack stays flat.
 */
final class ConnectionResumingThreadPool extends QueuedThreadPool {

    /** Jetty's HTTP/1 connection, which is its own resume task; internal to Jetty, so known by name. */
    private static final String HTTP1_CONNECTION = "org.eclipse.jetty.server.internal.HttpConnection";
    private static final ThreadLocal<Boolean> RESUMING = new ThreadLocal<>();
    /**
     * The connection's public {@code getParser()} and {@code isRequestBufferEmpty()}, looked up on its class: Jetty's
     * bundle does not export its package at Jetty's version.
     */
    private volatile MethodHandle parser;
    private volatile MethodHandle requestBufferEmpty;

    ConnectionResumingThreadPool(int maxThreads, int minThreads, int idleTimeoutMillis) {
        super(maxThreads, minThreads, idleTimeoutMillis);
    }

    @Override
    public void execute(Runnable task) {
        if (!task.getClass().getName().equals(HTTP1_CONNECTION)) {
            super.execute(task);
            return;
        }
        AbstractConnection connection = (AbstractConnection) task;
        if (awaitsNextRequest(connection)) {
            connection.fillInterested();
            return;
        }
        if (!isLowOnThreads() || RESUMING.get() != null) {
            super.execute(task);
            return;
        }
        RESUMING.set(Boolean.TRUE);
        try {
            task.run();
        } finally {
            RESUMING.remove();
        }
    }

    /**
     * Open, its parser at the start of a request and nothing of the client's read: what Jetty's resume would find
     * before it re-arms the connection. Anything else (a pipelined request, a closed parser after
     * {@code Connection: close}) is left to Jetty's resume.
     */
    private boolean awaitsNextRequest(AbstractConnection connection) {
        if (!connection.getEndPoint().isOpen()) {
            return false;
        }
        try {
            if (parser == null) {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                requestBufferEmpty = lookup.findVirtual(connection.getClass(), "isRequestBufferEmpty",
                        MethodType.methodType(boolean.class));
                parser = lookup.findVirtual(connection.getClass(), "getParser", MethodType.methodType(
                        HttpParser.class));
            }
            return ((HttpParser) parser.invoke(connection)).isStart()
                    && (boolean) requestBufferEmpty.invoke(connection);
        } catch (Throwable e) {
            throw new IllegalStateException("Jetty's HTTP/1 connection no longer has getParser() and "
                    + "isRequestBufferEmpty()", e);
        }
    }
}
