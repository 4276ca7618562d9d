package dev.pnode.security;

/**
 * A call to the security plugin failed (unreachable, timed out, crashed, bad answer): nothing is known about the
 * token, so callers must refuse the request. The message names the call and the gRPC status, never the token.
 */
public class SecurityPluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecurityPluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
