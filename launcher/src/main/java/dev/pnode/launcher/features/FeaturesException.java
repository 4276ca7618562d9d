package dev.pnode.launcher.features;

/** A features repository that cannot be read, is invalid, or asks for something that does not exist. */
public final class FeaturesException extends Exception {

    private static final long serialVersionUID = 1L;

    public FeaturesException(String message) {
        super(message);
    }

    public FeaturesException(String message, Throwable cause) {
        super(message, cause);
    }
}
