package dev.pnode.host.settings;

import java.util.Objects;

/**
 * One entry under {@code providers}: which plugin serves the interface {@code interfaceKey}.
 *
 * @param interfaceKey the settings key naming the plugin interface, e.g. {@code helloworld}
 * @param name the plugin's name; the zip is {@code <name>-<version>.zip}
 * @param version the plugin's version
 * @param config where the plugin's raw configuration comes from
 */
public record ProviderSettings(String interfaceKey, String name, String version, ConfigSource config) {

    public ProviderSettings {
        Objects.requireNonNull(interfaceKey, "interfaceKey");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(config, "config");
    }

    /** {@code name version}, as errors show the plugin. */
    public String label() {
        return name + " " + version;
    }

    /**
     * How logs show the plugin: {@code helloworld 1.0.0}, or {@code helloworld (quorum-plugin-hello-world 1.0.0)}
     * when the plugin's name differs from its interface key.
     */
    public String describe() {
        return interfaceKey.equals(name) ? label() : interfaceKey + " (" + label() + ")";
    }
}
