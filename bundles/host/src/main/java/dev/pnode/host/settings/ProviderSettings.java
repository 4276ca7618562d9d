package dev.pnode.host.settings;

import dev.pnode.api.RestartPolicy;
import dev.pnode.central.MavenArtifact;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry under {@code providers}: which plugin serves the interface {@code interfaceKey}.
 *
 * @param interfaceKey the settings key naming the plugin interface, e.g. {@code helloworld}
 * @param name the plugin's name; the zip is {@code <name>-<version>.zip}
 * @param version the plugin's version
 * @param config where the plugin's raw configuration comes from
 * @param optional whether the node may run without this plugin: its failures do not fail the node's startup and
 *     the host keeps retrying it (a pnode extension of Quorum's settings, key {@code "optional"})
 * @param restart how this provider is restarted when it dies, when the settings say (a pnode extension, key
 *     {@code "restart"}); empty means the host's default policy
 * @param artifact where a Maven central has the plugin, when the settings say ({@code "artifact":
 *     "mvn:groupId/artifactId/version[/zip[/classifier]]"}, a pnode extension); empty means the central's groupId
 *     with the plugin's name and version
 */
public record ProviderSettings(String interfaceKey, String name, String version, ConfigSource config,
        boolean optional, Optional<RestartPolicy> restart, Optional<MavenArtifact> artifact) {

    public ProviderSettings {
        Objects.requireNonNull(interfaceKey, "interfaceKey");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(artifact, "artifact");
    }

    /** A provider found by its name and version. */
    public ProviderSettings(String interfaceKey, String name, String version, ConfigSource config,
            boolean optional, Optional<RestartPolicy> restart) {
        this(interfaceKey, name, version, config, optional, restart, Optional.empty());
    }

    /** A provider with the host's default restart policy. */
    public ProviderSettings(String interfaceKey, String name, String version, ConfigSource config, boolean optional) {
        this(interfaceKey, name, version, config, optional, Optional.empty());
    }

    /** A required provider, as in Quorum. */
    public ProviderSettings(String interfaceKey, String name, String version, ConfigSource config) {
        this(interfaceKey, name, version, config, false);
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
