package dev.pnode.host.manager;

import dev.pnode.api.PluginConnection;
import io.grpc.Channel;
import java.time.Duration;

/** What a plugin interface gets for one started plugin process. */
record HostConnection(Channel channel, String pluginName, String pluginVersion, String hostIdentity,
        byte[] configuration, Duration callTimeout) implements PluginConnection {

    HostConnection {
        configuration = configuration.clone();
    }

    @Override
    public byte[] rawConfiguration() {
        return configuration.clone();
    }
}
