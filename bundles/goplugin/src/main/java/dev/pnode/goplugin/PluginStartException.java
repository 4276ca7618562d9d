package dev.pnode.goplugin;

/** A plugin process could not be started, handshaken or connected; the message says which and why. */
public class PluginStartException extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginStartException(String message) {
        super(message);
    }

    public PluginStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
