package dev.pnode.launcher.config;

/** A command line that cannot be understood: an unknown flag, a missing or malformed value. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
