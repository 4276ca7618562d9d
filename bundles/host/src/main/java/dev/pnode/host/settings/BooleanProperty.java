package dev.pnode.host.settings;

/**
 * The one reader of the host's true/false framework properties ({@code pnode.plugin.lowerStartPriority}, Quorum's
 * {@code --plugins.skipverify} and {@code --plugins.localverify}); each caller wraps its error in its own exception,
 * naming the property (and the flag behind it).
 */
public final class BooleanProperty {

    private BooleanProperty() {
    }

    /**
     * @param value the property's value, null when unset
     * @param fallback what unset or blank means
     * @throws IllegalArgumentException {@code must be true or false, was '<value>'}, for the caller to prefix with
     *     the property's name
     */
    public static boolean parse(String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false, was '" + value.strip() + "'");
        };
    }
}
