package dev.pnode.central.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes the wrapped stream when no byte arrived for the read timeout, and then fails the read. The JDK
 * HttpClient bounds only the wait for the response headers; a server that stalls in the middle of a body
 * would otherwise hang the download forever.
 */
final class IdleTimeoutInputStream extends FilterInputStream {

    private final long timeoutNanos;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean timedOut;
    private volatile boolean closed;

    IdleTimeoutInputStream(InputStream in, Duration timeout) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
        scheduleCheck(timeoutNanos);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException e) {
            throw timedOut ? timeout() : e;
        }
        if (timedOut) {
            throw timeout();
        }
        lastActivity = System.nanoTime();
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
    }

    private SocketTimeoutException timeout() {
        return new SocketTimeoutException("no data received for " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
    }

    private void scheduleCheck(long delayNanos) {
        CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS).execute(this::check);
    }

    private void check() {
        if (closed) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle < timeoutNanos) {
            scheduleCheck(timeoutNanos - idle);
            return;
        }
        timedOut = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader is told by the timedOut flag; a failing close changes nothing for it
        }
    }
}
