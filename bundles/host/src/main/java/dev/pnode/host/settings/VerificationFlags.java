package dev.pnode.host.settings;

import dev.pnode.api.PluginSettingsProperties;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Quorum's command-line choice of how downloads are verified ({@code --plugins.skipverify},
 * {@code --plugins.localverify}, {@code --plugins.publickey}), as the launcher hands it to the host in framework
 * properties ({@link PluginSettingsProperties}). When given, it overrides the settings file's {@code central}
 * keys {@code skipVerify}, {@code publicKeyFile} and {@code publicKeyURI}, as Quorum's flags do.
 *
 * @param skipVerify {@code --plugins.skipverify}
 * @param localVerify {@code --plugins.localverify}
 * @param publicKey {@code --plugins.publickey}: the local key; without it {@code --plugins.localverify} uses the
 *     settings' {@code central.publicKeyFile}, else {@code <baseDir>/gpg.key} (Quorum's default)
 */
public record VerificationFlags(boolean skipVerify, boolean localVerify, Optional<Path> publicKey) {

    /** No flags: the settings file decides. */
    public static final VerificationFlags NONE = new VerificationFlags(false, false, Optional.empty());

    /** Quorum's key file name, looked for in the base directory by {@code --plugins.localverify} alone. */
    public static final String DEFAULT_PUBLIC_KEY_FILE = "gpg.key";

    private static final String FILE_SCHEME = "file://";

    /**
     * Reads the framework properties; the error names the property and, for the user, the flag.
     *
     * @param properties a framework property by name, null when unset
     */
    public static VerificationFlags fromProperties(Function<String, String> properties) throws SettingsException {
        boolean skip = bool(properties, PluginSettingsProperties.SKIP_VERIFY, "--plugins.skipverify");
        boolean local = bool(properties, PluginSettingsProperties.LOCAL_VERIFY, "--plugins.localverify");
        String keyValue = properties.apply(PluginSettingsProperties.PUBLIC_KEY);
        Optional<Path> key = keyValue == null || keyValue.isBlank() ? Optional.empty() : Optional.of(path(keyValue));
        if (skip && local) {
            throw new SettingsException("--plugins.skipverify and --plugins.localverify exclude each other (framework"
                    + " properties " + PluginSettingsProperties.SKIP_VERIFY + " and "
                    + PluginSettingsProperties.LOCAL_VERIFY + "): verify with a local key, or skip verifying");
        }
        if (key.isPresent() && !local) {
            throw new SettingsException("--plugins.publickey (framework property " + PluginSettingsProperties.PUBLIC_KEY
                    + ") needs --plugins.localverify, as in Quorum");
        }
        return new VerificationFlags(skip, local, key);
    }

    /** Whether any flag was given, i.e. whether the settings file's own choice is overridden. */
    public boolean overrides() {
        return skipVerify || localVerify;
    }

    /**
     * The central settings with the flags applied.
     *
     * @param baseDir where {@code --plugins.localverify} alone looks for {@code gpg.key}
     */
    CentralSettings applyTo(CentralSettings central, Path baseDir) throws SettingsException {
        if (!overrides()) {
            return central;
        }
        Optional<Path> keyFile = Optional.empty();
        if (localVerify) {
            Path key = publicKey.or(central::publicKeyFile).orElse(baseDir.resolve(DEFAULT_PUBLIC_KEY_FILE));
            if (!Files.isRegularFile(key)) {
                throw new SettingsException("--plugins.localverify: the public key " + key + (Files.exists(key)
                        ? " is not a regular file" : " does not exist") + " (give the armored OpenPGP key that signs"
                        + " the central's plugins with --plugins.publickey file:///path/key.asc)");
            }
            keyFile = Optional.of(key);
        }
        return new CentralSettings(central.baseUrl(), central.certFingerprint(), null,
                central.insecureSkipTlsVerify(), central.pluginDistPathTemplate(), central.pluginSigPathTemplate(),
                keyFile, skipVerify, central.maven());
    }

    private static boolean bool(Function<String, String> properties, String name, String flag)
            throws SettingsException {
        try {
            return BooleanProperty.parse(properties.apply(name), false);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("framework property " + name + " (" + flag + ") " + e.getMessage());
        }
    }

    private static Path path(String value) throws SettingsException {
        String file = value.startsWith(FILE_SCHEME) ? value.substring(FILE_SCHEME.length()) : value;
        try {
            return Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new SettingsException("--plugins.publickey (framework property "
                    + PluginSettingsProperties.PUBLIC_KEY + "): '" + value + "' is not a path", e);
        }
    }
}
