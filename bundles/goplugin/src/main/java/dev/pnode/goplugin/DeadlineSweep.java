package dev.pnode.goplugin;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ends a plugin channel's calls at their deadlines with one timer for all of them. grpc-java arms a timer per call
 * with a deadline (on the channel's I/O thread, scheduled and cancelled from the caller's) and sends it as a
 * {@code grpc-timeout} header, which makes the plugin's gRPC server arm one more; go-plugin's own host sends no
 * deadline. Here a call with a deadline is sent without one, in a cancellable context of its own, and registered as
 * in flight; a sweep on the channel's event loop, due at the earliest deadline in flight, cancels the context of every
 * call past its deadline. grpc-java turns that into {@code DEADLINE_EXCEEDED} for the caller (what the interfaces'
 * errors and the host's {@code CallWatchdog} count) and a cancellation (RST_STREAM) for the plugin, as its own timer
 * did. Calls answered in time never meet a timer: with calls flowing the sweep runs about once per call timeout.
 *
 * <p>Calls without a deadline, and calls whose deadline has already passed (grpc fails them at once), are left as
 * they are; so is a deadline of the caller's {@link Context}.
 */
final class DeadlineSweep implements ClientInterceptor {

    private final ScheduledExecutorService timer;
    private final Set<SweptCall<?, ?>> inFlight = ConcurrentHashMap.newKeySet();
    /** When the next sweep is due ({@link System#nanoTime()}), null when none is scheduled. */
    private final AtomicReference<Long> nextSweep = new AtomicReference<>();

    /** @param timer where sweeps run: the channel's event loops (their end fails the channel's calls anyway) */
    DeadlineSweep(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        Deadline deadline = options.getDeadline();
        if (deadline == null || deadline.isExpired()) {
            return next.newCall(method, options);
        }
        long timeoutNanos = deadline.timeRemaining(TimeUnit.NANOSECONDS);
        Context.CancellableContext context = Context.current().withCancellation();
        Context previous = context.attach();
        try {
            // grpc-java binds a call to the context current when it is made
            return new SweptCall<>(next.newCall(method, options.withDeadline(null)), context, timeoutNanos);
        } finally {
            context.detach(previous);
        }
    }

    /** Calls in flight with a deadline (for tests). */
    int inFlight() {
        return inFlight.size();
    }

    private void track(SweptCall<?, ?> call) {
        inFlight.add(call);
        // pairs with sweep()'s fence: either that sweep sees this call or this call sees its cleared nextSweep
        VarHandle.fullFence();
        sweepBy(call.dueNanos);
    }

    /** Makes sure a sweep runs at {@code dueNanos} or before. */
    private void sweepBy(long dueNanos) {
        for (Long pending = nextSweep.get(); pending == null || dueNanos - pending < 0; pending = nextSweep.get()) {
            if (nextSweep.compareAndSet(pending, dueNanos)) {
                try {
                    timer.schedule(this::sweep, dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // the channel's event loops have stopped: the channel and its calls are closed
                }
                return;
            }
        }
    }

    private void sweep() {
        nextSweep.set(null);
        VarHandle.fullFence();
        long now = System.nanoTime();
        Long earliest = null;
        for (SweptCall<?, ?> call : inFlight) {
            if (now - call.dueNanos >= 0) {
                inFlight.remove(call);
                call.context.cancel(new TimeoutException("deadline exceeded: no answer within "
                        + (call.timeoutNanos + 999_999) / 1_000_000 + " ms"));
            } else if (earliest == null || call.dueNanos - earliest < 0) {
                earliest = call.dueNanos;
            }
        }
        if (earliest != null) {
            sweepBy(earliest);
        }
    }

    private final class SweptCall<Q, R> extends SimpleForwardingClientCall<Q, R> {

        final Context.CancellableContext context;
        final long timeoutNanos;
        final long dueNanos;

        SweptCall(ClientCall<Q, R> call, Context.CancellableContext context, long timeoutNanos) {
            super(call);
            this.context = context;
            this.timeoutNanos = timeoutNanos;
            this.dueNanos = System.nanoTime() + timeoutNanos;
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            // tracked first: a call whose context a sweep cancelled before its start fails at its start
            track(this);
            try {
                super.start(new SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        inFlight.remove(SweptCall.this);
                        super.onClose(status, trailers);
                    }
                }, headers);
            } catch (RuntimeException | Error e) {
                inFlight.remove(this);
                throw e;
            }
        }
    }
}
