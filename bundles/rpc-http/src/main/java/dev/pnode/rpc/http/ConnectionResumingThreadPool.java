package dev.pnode.rpc.http;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's thread pool, except that a kept-alive HTTP/1 connection whose request was answered by another thread
 * resumes on that thread while the pool is low on threads. Jetty hands the connection to a pool thread once a
 * request completes after its handler returned (JSON-RPC answers come on the plugin channel's thread), and that
 * thread only finds the client's next request not yet sent and re-arms the connection's read interest. While the
 * pool can take it, that is where it goes: the answering thread is the plugin channel's one I/O thread, which every
 * call of every endpoint passes, and the resume's read and re-arm on it made it the slowest stage with 16 clients
 * (BENCHMARKS.md, figure 7 session 11). When the pool is at its maximum with no thread to spare (blocking work holds
 * it, Jetty's {@link #isLowOnThreads()}), the answering thread resumes it, so kept-alive connections are still served
 * instead of waiting behind that work. A connection resumed while another is
 * being resumed on the same thread (a pipelined request answered at once) goes to the pool as Jetty intends, so the
 * stack stays flat.
 */
final class ConnectionResumingThreadPool extends QueuedThreadPool {

    /** Jetty's HTTP/1 connection, which is its own resume task; internal to Jetty, so known by name. */
    private static final String HTTP1_CONNECTION = "org.eclipse.jetty.server.internal.HttpConnection";
    private static final ThreadLocal<Boolean> RESUMING = new ThreadLocal<>();

    ConnectionResumingThreadPool(int maxThreads, int minThreads, int idleTimeoutMillis) {
        super(maxThreads, minThreads, idleTimeoutMillis);
    }

    @Override
    public void execute(Runnable task) {
        if (!isLowOnThreads() || !task.getClass().getName().equals(HTTP1_CONNECTION) || RESUMING.get() != null) {
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
}
