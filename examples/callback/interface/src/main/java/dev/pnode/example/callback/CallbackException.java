package dev.pnode.example.callback;

/** A greeting failed; the message names the plugin, the call and the reason. */
public class CallbackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CallbackException(String message, Throwable cause) {
        super(message, cause);
    }
}
