package dev.pnode.wire;

/**
 * A plugin process could not be started, handshaken or connected; the message says which and why. It lives in the
 * wire module because {@link HandshakeException}, which the handshake line throws, is one.
 */
public class PluginStartException extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginStartException(String message) {
        super(message);
    }

    public PluginStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
