package dev.pnode.api;

/**
 * Framework properties that name the plugin settings file and carry Quorum's verification flags from the command
 * line to the plugin host. The launcher sets them; the host reads them. The verification flags override the
 * settings file's {@code central} object, as Quorum's flags do.
 */
public final class PluginSettingsProperties {

    /** The plugin settings file (Quorum's {@code --plugins} JSON), an absolute path; unset = no plugins. */
    public static final String FILE = "pnode.plugins";

    /** {@code true}: install downloaded plugins without checking their signature ({@code --plugins.skipverify}). */
    public static final String SKIP_VERIFY = "pnode.plugins.skipverify";

    /**
     * {@code true}: check signatures with a local public key instead of the central's ({@code --plugins.localverify});
     * the key is {@link #PUBLIC_KEY}, else the settings' {@code central.publicKeyFile}, else {@code <baseDir>/gpg.key}.
     */
    public static final String LOCAL_VERIFY = "pnode.plugins.localverify";

    /** The local public key file for {@link #LOCAL_VERIFY}, an absolute path ({@code --plugins.publickey}). */
    public static final String PUBLIC_KEY = "pnode.plugins.publickey";

    private PluginSettingsProperties() {
    }
}
