package dev.pnode.launcher.config;

/** Node settings that cannot be read or are invalid; the message names the file, line and key when known. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
