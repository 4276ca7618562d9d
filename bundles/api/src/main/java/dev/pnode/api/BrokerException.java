package dev.pnode.api;

/** A brokered connection could not be offered or made; the message names the plugin, the id and why. */
public class BrokerException extends Exception {

    private static final long serialVersionUID = 1L;

    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
