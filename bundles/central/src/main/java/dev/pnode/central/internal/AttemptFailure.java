package dev.pnode.central.internal;

import dev.pnode.central.CentralException;
import dev.pnode.central.CentralException.Failure;

/** One transfer attempt's failure, and whether trying again could help. */
final class AttemptFailure extends Exception {

    private static final long serialVersionUID = 1L;

    final transient CentralException exception;
    final boolean retryable;

    private AttemptFailure(CentralException exception, boolean retryable) {
        super(exception.getMessage(), null, false, false);
        this.exception = exception;
        this.retryable = retryable;
    }

    static AttemptFailure retryable(Failure failure, String message, Throwable cause) {
        return new AttemptFailure(new CentralException(failure, message, cause), true);
    }

    static AttemptFailure permanent(Failure failure, String message) {
        return new AttemptFailure(new CentralException(failure, message), false);
    }

    static AttemptFailure permanent(Failure failure, String message, Throwable cause) {
        return new AttemptFailure(new CentralException(failure, message, cause), false);
    }

    CentralException afterAttempts(int attempts) {
        return new CentralException(exception.failure(),
                exception.getMessage() + " (gave up after " + attempts + " attempts)", exception.getCause());
    }
}
