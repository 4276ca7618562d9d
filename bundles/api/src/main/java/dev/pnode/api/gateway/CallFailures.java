package dev.pnode.api.gateway;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;

/** Turns a failed gRPC call to a plugin into a message a node operator can act on. */
public final class CallFailures {

    private CallFailures() {
    }

    /** E.g. {@code plugin helloworld: greeting failed: UNAVAILABLE: io exception}. */
    public static String describe(String interfaceKey, String call, StatusRuntimeException failure,
            Duration callTimeout) {
        Status status = failure.getStatus();
        StringBuilder message = new StringBuilder("plugin ").append(interfaceKey).append(": ").append(call)
                .append(" failed: ").append(status.getCode());
        if (status.getDescription() != null) {
            message.append(": ").append(status.getDescription());
        }
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            message.append(" (call timeout ").append(callTimeout.toMillis()).append(" ms)");
        }
        return message.toString();
    }
}
