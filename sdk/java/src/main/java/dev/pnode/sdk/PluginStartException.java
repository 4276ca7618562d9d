package dev.pnode.sdk;

/** The plugin cannot serve: a bad environment, no free port, a socket that cannot be bound. Ends the process. */
public final class PluginStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PluginStartException(String message) {
        super(message);
    }

    public PluginStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
