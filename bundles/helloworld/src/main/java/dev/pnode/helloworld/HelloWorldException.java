package dev.pnode.helloworld;

/** A call to the helloworld plugin failed; the message names the plugin, the call and the gRPC status. */
public class HelloWorldException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HelloWorldException(String message, Throwable cause) {
        super(message, cause);
    }
}
