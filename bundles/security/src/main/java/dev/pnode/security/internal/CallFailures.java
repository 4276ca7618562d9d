package dev.pnode.security.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Set;

/** Turns a failed call to the security plugin into a message an operator can act on, and tells refusals apart. */
final class CallFailures {

    /**
     * What a plugin answers about a token it refuses. UNKNOWN is what a Go plugin's plain {@code errors.New} becomes,
     * which is how Quorum plugins refuse tokens.
     */
    private static final Set<Status.Code> REFUSALS = Set.of(Status.Code.UNAUTHENTICATED,
            Status.Code.PERMISSION_DENIED, Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND, Status.Code.UNKNOWN);

    private CallFailures() {
    }

    /** Whether the plugin answered "no" about the token, as opposed to failing to answer. */
    static boolean isRefusal(StatusRuntimeException failure) {
        return REFUSALS.contains(failure.getStatus().getCode());
    }

    /** E.g. {@code plugin security: Authenticate failed: UNAVAILABLE: io exception}. */
    static String describe(String call, StatusRuntimeException failure, Duration callTimeout) {
        return describe(call, failure, callTimeout, null);
    }

    /** @param secret replaced by {@code <token>} wherever the plugin's description quotes it; null for none */
    static String describe(String call, StatusRuntimeException failure, Duration callTimeout, String secret) {
        Status status = failure.getStatus();
        StringBuilder message = new StringBuilder("plugin ").append(SecurityInterface.KEY).append(": ").append(call)
                .append(" failed: ").append(status.getCode());
        if (status.getDescription() != null) {
            String description = status.getDescription();
            message.append(": ").append(secret == null ? description : description.replace(secret, "<token>"));
        }
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            message.append(" (call timeout ").append(callTimeout.toMillis()).append(" ms)");
        }
        return message.toString();
    }
}
