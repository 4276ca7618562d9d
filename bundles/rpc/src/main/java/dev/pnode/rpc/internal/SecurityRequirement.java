package dev.pnode.rpc.internal;

import dev.pnode.api.PluginRegistry;
import dev.pnode.security.SecurityPlugin;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the web endpoints must require the security plugin: whether one is configured, as the plugin host says
 * (the host alone reads the plugin settings). While the host has not read them yet, or is away (a restart), its last
 * answer holds; before its first answer, any named settings file counts as configuring one, so that the endpoint
 * never serves openly by mistake.
 */
final class SecurityRequirement implements BooleanSupplier {

    private final Supplier<Optional<PluginRegistry>> host;
    private volatile boolean lastKnown;

    /** @param settingsFileNamed whether {@code pnode.plugins} names a plugin settings file */
    SecurityRequirement(Supplier<Optional<PluginRegistry>> host, boolean settingsFileNamed) {
        this.host = host;
        this.lastKnown = settingsFileNamed;
    }

    @Override
    public boolean getAsBoolean() {
        Optional<PluginRegistry> current = host.get();
        if (current.isPresent() && current.get().settingsRead()) {
            lastKnown = current.get().plugin(SecurityPlugin.INTERFACE_KEY).isPresent();
        }
        return lastKnown;
    }
}
