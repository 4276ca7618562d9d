package dev.pnode.api;

import io.grpc.Channel;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/** What the host hands a {@link PluginInterface} for one running plugin process. */
@ProviderType
public interface PluginConnection {

    /** The authenticated (AutoMTLS) channel to the plugin's gRPC server; owned and closed by the host. */
    Channel channel();

    /** The plugin's name from the settings, e.g. {@code quorum-plugin-hello-world}. */
    String pluginName();

    /** The plugin's version from the settings. */
    String pluginVersion();

    /** The node's identity, passed to the plugin's {@code Init} as {@code hostIdentity}. */
    String hostIdentity();

    /** The provider's {@code config}, resolved (file, env, inline) afresh for this start. */
    byte[] rawConfiguration();

    /** The deadline every call to this plugin carries. */
    Duration callTimeout();

    /**
     * go-plugin's {@code GRPCBroker} of this plugin process, for interfaces whose plugins call back into the host
     * or open extra connections; closed by the host when the process stops.
     *
     * @since 1.3
     */
    GrpcBroker broker();
}
