package dev.pnode.api.gateway;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractFutureStub;
import java.util.concurrent.ExecutionException;

/**
 * How a gateway makes a blocking unary call to its plugin cheaply: through a future stub whose call completes on
 * the transport's event loop, so the waiting caller is woken once per call. grpc-java's blocking stub instead hands
 * the response headers, the message and the close to the caller as separate tasks, each of which may park and
 * wake it; on 2 cores that costs about 20 us of a ~125 us call (DESIGN.md, "Figures measured here"; BENCHMARKS.md,
 * figure 1).
 *
 * <pre>{@code
 * stub = UnaryCalls.completingOnTransport(PluginGreetingGrpc.newFutureStub(channel));
 * ...
 * Response response = UnaryCalls.await(stub.withDeadlineAfter(timeout.toNanos(), NANOSECONDS).greeting(request));
 * }</pre>
 *
 * <p>Only grpc's own listener runs on the event loop (it completes the future); whatever the gateway does with the
 * answer runs on the caller's thread after {@link #await}.
 */
public final class UnaryCalls {

    private UnaryCalls() {
    }

    /** The stub with its calls completed on the transport thread (Guava's direct executor, which grpc recognises). */
    public static <S extends AbstractFutureStub<S>> S completingOnTransport(S stub) {
        return stub.withExecutor(MoreExecutors.directExecutor());
    }

    /**
     * Waits for a call's answer as a blocking stub would.
     *
     * @throws StatusRuntimeException how the call failed, as the blocking stub reports it; {@code CANCELLED} when the
     *                                caller is interrupted (the call is cancelled and the interrupt flag kept)
     */
    public static <T> T await(ListenableFuture<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof StatusRuntimeException failed ? failed
                    : Status.fromThrowable(cause).asRuntimeException();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted while waiting for the plugin's answer").withCause(e)
                    .asRuntimeException();
        }
    }
}
