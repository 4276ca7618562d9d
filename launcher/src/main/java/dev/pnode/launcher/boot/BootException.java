package dev.pnode.launcher.boot;

/** The node could not be started; the message says which part failed and why. */
public final class BootException extends Exception {

    private static final long serialVersionUID = 1L;

    public BootException(String message) {
        super(message);
    }

    public BootException(String message, Throwable cause) {
        super(message, cause);
    }
}
