package dev.pnode.launcher.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Quorum's command-line choice of how plugin downloads are verified. The plugin host applies it over the plugin
 * settings' {@code central} object; the launcher only checks the flags' combination and passes them on.
 *
 * @param skipVerify {@code --plugins.skipverify}
 * @param localVerify {@code --plugins.localverify}
 * @param publicKey {@code --plugins.publickey}, absolute once resolved
 */
public record PluginVerification(boolean skipVerify, boolean localVerify, Optional<Path> publicKey) {

    /** No flags: the plugin settings decide. */
    public static final PluginVerification NONE = new PluginVerification(false, false, Optional.empty());
}
