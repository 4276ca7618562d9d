package dev.pnode.security.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;

/** Tells a plugin's "no" about a token from a failure to answer, and keeps the token out of its words. */
final class TokenRefusals {

    /**
     * What a plugin answers about a token it refuses. Quorum's own plugin uses INVALID_ARGUMENT and
     * PERMISSION_DENIED; UNKNOWN is what a Go plugin's plain {@code errors.New} becomes.
     */
    private static final Set<Status.Code> REFUSALS = Set.of(Status.Code.UNAUTHENTICATED,
            Status.Code.PERMISSION_DENIED, Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND, Status.Code.UNKNOWN);

    private TokenRefusals() {
    }

    /** Whether the plugin answered "no" about the token, as opposed to failing to answer. */
    static boolean isRefusal(StatusRuntimeException failure) {
        return REFUSALS.contains(failure.getStatus().getCode());
    }

    /** The same failure with {@code <token>} wherever the plugin's description quotes the token. */
    static StatusRuntimeException withoutToken(StatusRuntimeException failure, String token) {
        Status status = failure.getStatus();
        String description = status.getDescription();
        return description == null || !description.contains(token) ? failure
                : status.withDescription(description.replace(token, "<token>")).asRuntimeException();
    }
}
