package dev.pnode.goplugin;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * While several unary calls are in flight on a channel, hands each one's answer (headers, message, trailers) to its
 * caller's executor in one task when the trailers come, instead of one task per callback. grpc-java hands every
 * callback over as it is read, and a blocking stub's caller parks between them: a Go plugin's gRPC server writes the
 * trailers apart from the headers and message more often than not, so the caller was woken about twice per call and
 * the I/O thread paid a wake-up system call each time. A blocking caller can use the answer only once the trailers
 * have come. A call alone in flight still gets its headers and message as soon as the message is read: its caller
 * then runs while the trailers are on their way, on a core that would otherwise idle (with several calls in flight
 * the cores are busy with the others' work, and the early wake-up only costs).
 *
 * <p>The call's own callbacks run on the I/O thread (grpc's direct executor), where they are only collected. Calls of
 * other kinds (streams, whose messages must reach the caller as they come), calls without an executor of their own
 * (grpc's default executor then runs the listener) and calls on grpc's direct executor (their callbacks already run
 * on the I/O thread and wake no one, as the helloworld gateway's async stub that JSON-RPC calls: collected, its answer
 * would wait for the trailers while other calls are in flight) are left as they are.
 */
final class OneWakeUpPerCall implements ClientInterceptor {

    private final AtomicInteger unaryInFlight = new AtomicInteger();

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        Executor callers = options.getExecutor();
        if (method.getType() != MethodDescriptor.MethodType.UNARY || callers == null
                || callers == MoreExecutors.directExecutor()) {
            return next.newCall(method, options);
        }
        ClientCall<Q, R> call = next.newCall(method, options.withExecutor(MoreExecutors.directExecutor()));
        return new SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                unaryInFlight.incrementAndGet();
                try {
                    // the answer may go in two tasks: they must run in order, one after the other
                    super.start(new Collecting<>(listener, MoreExecutors.newSequentialExecutor(callers)), headers);
                } catch (RuntimeException | Error e) {
                    unaryInFlight.decrementAndGet(); // grpc-java throws only before it calls the listener
                    throw e;
                }
            }
        };
    }

    /** One call's callbacks until they are handed over. grpc calls a listener's methods one at a time. */
    private final class Collecting<R> extends ClientCall.Listener<R> {

        private final ClientCall.Listener<R> listener;
        private final Executor callers;
        private final List<Runnable> pending = new ArrayList<>(3);

        Collecting(ClientCall.Listener<R> listener, Executor callers) {
            this.listener = listener;
            this.callers = callers;
        }

        @Override
        public void onReady() {
            pending.add(listener::onReady);
        }

        @Override
        public void onHeaders(Metadata headers) {
            pending.add(() -> listener.onHeaders(headers));
        }

        @Override
        public void onMessage(R message) {
            pending.add(() -> listener.onMessage(message));
            if (unaryInFlight.get() == 1) {
                handOff();
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            unaryInFlight.decrementAndGet();
            pending.add(() -> listener.onClose(status, trailers));
            handOff();
        }

        private void handOff() {
            List<Runnable> batch = List.copyOf(pending);
            pending.clear();
            callers.execute(() -> batch.forEach(Runnable::run));
        }
    }

}
