package dev.pnode.example.kvstore;

/** A call to the kvstore plugin failed; the message names the plugin, the call and the gRPC status. */
public class KeyValueStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyValueStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
