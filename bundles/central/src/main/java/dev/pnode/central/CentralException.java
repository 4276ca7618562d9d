package dev.pnode.central;

/**
 * A plugin could not be installed from a central, or an installed zip no longer matches its recorded digest.
 * The message names what failed (URL, HTTP status, expected and actual digest, signing key id ...);
 * {@link #failure()} classifies it for callers that react differently (for example to report "not published").
 */
public class CentralException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of problem it was. */
    public enum Failure {
        /** Bad settings or arguments: template, URL, name, version, key file. */
        CONFIGURATION,
        /** The central has no such file (HTTP 404/410, missing {@code file:}). */
        NOT_FOUND,
        /** Another HTTP status, or a network error that survived the retries. */
        TRANSFER,
        /** Connect or read timeout. */
        TIMEOUT,
        /** TLS handshake failed: untrusted certificate or pinned fingerprint mismatch. */
        TLS,
        /** The download is larger than the configured limit. */
        TOO_LARGE,
        /** The body is empty or shorter than the announced Content-Length. */
        INCOMPLETE,
        /** The signature does not verify, is unreadable, or is by a key that is not trusted. */
        SIGNATURE,
        /** The zip is unreadable or its plugin-meta.json is missing or names another plugin or version. */
        PLUGIN_META,
        /** An installed zip's SHA-256 differs from the one recorded when it was installed. */
        DIGEST_MISMATCH,
        /** Local file system problem in the plugin base directory. */
        LOCAL_IO
    }

    private final Failure failure;

    public CentralException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public CentralException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
