package dev.pnode.host.settings;

/** The plugin settings, or a provider's config, cannot be used; the message names the file, the JSON path and the problem. */
public class SettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
