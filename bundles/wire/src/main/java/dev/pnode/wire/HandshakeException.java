package dev.pnode.wire;

/** A handshake line that cannot be used; the message quotes the offending part. */
public class HandshakeException extends PluginStartException {

    private static final long serialVersionUID = 1L;

    public HandshakeException(String message) {
        super(message);
    }
}
