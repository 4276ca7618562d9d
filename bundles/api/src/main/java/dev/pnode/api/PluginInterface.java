package dev.pnode.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin interface (helloworld, security, ...), registered as a whiteboard service by the bundle that owns
 * its contract. The host knows no interface by name: it looks providers up by {@link #key()}.
 */
@ConsumerType
public interface PluginInterface {

    /** The key under {@code providers} in the plugin settings, e.g. {@code "helloworld"}. */
    String key();

    /** The OSGi service contract the gateway implements, e.g. {@code HelloWorld.class}. */
    Class<?> contract();

    /** Fully qualified gRPC service names the plugin must serve, e.g. {@code "proto.PluginGreeting"}. */
    List<String> grpcServices();

    /** The go-plugin handshake plugins of this interface expect; Quorum's by default. */
    default Handshake handshake() {
        return Handshake.QUORUM;
    }

    /**
     * Builds the gateway for one freshly started, healthy plugin process: typically initialises the plugin
     * and returns an implementation of {@link #contract()} backed by gRPC stubs on the connection's channel.
     *
     * @throws Exception when the plugin refuses to initialise; the host then stops the process and reports
     *     the message
     */
    Object connect(PluginConnection connection) throws Exception;
}
