package dev.pnode.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Changes to running plugins, registered as a service by the host; used by JSON-RPC and the shell. */
@ProviderType
public interface PluginAdmin {

    /**
     * Reloads one plugin: re-reads the settings file and the provider's config, starts the new process, and only
     * when it serves switches the contract service over and stops the old one. Reloads of one plugin are
     * serialized.
     *
     * @throws IllegalArgumentException when no provider is configured under the key
     * @throws PluginException when the new process cannot be started; the old one keeps serving
     */
    void reload(String interfaceKey) throws PluginException;

    /**
     * Re-reads the whole settings file: starts added providers, stops removed ones, reloads changed ones and
     * leaves the rest untouched.
     *
     * @return for each affected interface key what was done ({@code "started"}, {@code "stopped"},
     *     {@code "reloaded"}, or the error)
     * @throws PluginException when the settings file is invalid; nothing is changed then
     */
    Map<String, String> reloadAll() throws PluginException;
}
