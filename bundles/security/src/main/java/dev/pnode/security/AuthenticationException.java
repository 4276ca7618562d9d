package dev.pnode.security;

/** The security plugin refused a token (unknown, forged, expired); the message never contains the token. */
public class AuthenticationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
