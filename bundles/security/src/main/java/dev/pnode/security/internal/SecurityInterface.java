package dev.pnode.security.internal;

import dev.pnode.api.Handshake;
import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginInterface;
import dev.pnode.api.gateway.QuorumInitializer;
import dev.pnode.security.SecurityPlugin;
import java.time.Clock;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Makes the security interface known to the plugin host (whiteboard): a plugin configured under the key
 * {@code security} serves Quorum's {@code proto.TLSConfigurationSource} and {@code proto.AuthenticationManager}
 * and becomes one {@link SecurityPlugin} service.
 */
@Component(service = PluginInterface.class)
public final class SecurityInterface implements PluginInterface {

    static final String KEY = SecurityPlugin.INTERFACE_KEY;

    @Override
    public String key() {
        return KEY;
    }

    /** One contract for both services: the host registers a plugin's gateway under one name. */
    @Override
    public Class<?> contract() {
        return SecurityPlugin.class;
    }

    @Override
    public List<String> grpcServices() {
        return List.of("proto.TLSConfigurationSource", "proto.AuthenticationManager");
    }

    @Override
    public Handshake handshake() {
        return Handshake.QUORUM;
    }

    /** Initialises the freshly started plugin with the node identity and its config, then hands out the gateway. */
    @Override
    public SecurityPlugin connect(PluginConnection connection) throws PluginException {
        QuorumInitializer.initialize(connection, KEY);
        return new SecurityGateway(connection.channel(), connection.callTimeout(), Clock.systemUTC());
    }
}
