package dev.pnode.host.discovery;

/** A plugin zip cannot be found, fetched or safely extracted; the message names the zip, the entry and the reason. */
public class DiscoveryException extends Exception {

    private static final long serialVersionUID = 1L;

    public DiscoveryException(String message) {
        super(message);
    }

    public DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
