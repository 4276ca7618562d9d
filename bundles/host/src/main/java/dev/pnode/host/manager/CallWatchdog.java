package dev.pnode.host.manager;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches the calls interfaces make to one plugin process. A plugin whose health service still answers while its
 * calls deadlock or spin passes every health check; its calls, however, run past their deadlines. After
 * {@code limit} calls in a row ended {@code DEADLINE_EXCEEDED} (any other outcome resets the count), the watchdog
 * reports the process as stuck, once, so the host can kill and restart it.
 *
 * <p>It also turns a call that races the host closing a dead process's connection into a plain {@code UNAVAILABLE}
 * failure: netty then refuses the call's work with a {@link RejectedExecutionException} ("event executor
 * terminated"), which callers would otherwise see raw instead of the interface's clear error.
 */
final class CallWatchdog implements ClientInterceptor {

    private static final Runnable NOBODY = () -> { };

    private final int limit;
    private final AtomicInteger pastDeadlineInARow = new AtomicInteger();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile boolean stuck;
    private volatile Runnable onStuck = NOBODY;

    CallWatchdog(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /** Who is told when the process is stuck (at once if it already is); replaces the previous listener. */
    void whenStuck(Runnable listener) {
        onStuck = listener;
        reportIfStuck();
    }

    int limit() {
        return limit;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            private Listener<R> watched;
            private boolean closed;

            @Override
            public void start(Listener<R> listener, Metadata headers) {
                watched = new SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        ended(status);
                        super.onClose(status, trailers);
                    }
                };
                guarded(() -> super.start(watched, headers));
            }

            @Override
            public void request(int messages) {
                guarded(() -> super.request(messages));
            }

            @Override
            public void sendMessage(Q message) {
                guarded(() -> super.sendMessage(message));
            }

            @Override
            public void halfClose() {
                guarded(super::halfClose);
            }

            /** Runs a step of the call unless it already failed; a refused step fails the call as UNAVAILABLE. */
            private void guarded(Runnable step) {
                if (closed) {
                    return;
                }
                try {
                    step.run();
                } catch (RejectedExecutionException e) {
                    closed = true;
                    watched.onClose(Status.UNAVAILABLE.withDescription("the connection to the plugin process is"
                            + " closed (the process is gone or being replaced)").withCause(e), new Metadata());
                }
            }
        };
    }

    private void ended(Status status) {
        if (status.getCode() != Status.Code.DEADLINE_EXCEEDED) {
            pastDeadlineInARow.set(0);
            return;
        }
        if (pastDeadlineInARow.incrementAndGet() >= limit) {
            stuck = true;
            reportIfStuck();
        }
    }

    private void reportIfStuck() {
        Runnable listener = onStuck;
        if (stuck && listener != NOBODY && reported.compareAndSet(false, true)) {
            listener.run();
        }
    }
}
