package dev.pnode.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The PluginManager's view of the configured plugins, registered as a service by the host. */
@ProviderType
public interface PluginRegistry {

    /** Every configured plugin, in settings order. */
    List<PluginStatus> plugins();

    /**
     * Whether the host has read the plugin settings. Before that (while it starts, or while the file cannot be read)
     * {@link #plugins()} is empty without meaning that no plugin is configured: a consumer that must not guess (the
     * HTTP endpoint, which must not serve openly while a security plugin may be configured) waits for this.
     *
     * @since 1.3
     */
    default boolean settingsRead() {
        return true;
    }

    /** The plugin configured under this interface key, if any. */
    Optional<PluginStatus> plugin(String interfaceKey);

    /**
     * The most recent lines the plugin wrote (stdout, stderr, GRPCStdio), oldest first.
     *
     * @throws IllegalArgumentException when no plugin is configured under the key
     */
    List<String> recentOutput(String interfaceKey, int maxLines);

    /**
     * The deadline the host puts on every call to a plugin ({@link PluginConnection#callTimeout()}), which is also
     * how long a call through a contract service waits for a plugin that is starting or restarting. Callers that
     * wait for a starting plugin in other ways (e.g. JSON-RPC, for the moment before its contract service is
     * registered) wait this long too.
     */
    Duration callTimeout();
}
