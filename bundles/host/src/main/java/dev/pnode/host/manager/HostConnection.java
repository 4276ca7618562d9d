package dev.pnode.host.manager;

import dev.pnode.api.GrpcBroker;
import dev.pnode.api.PluginConnection;
import dev.pnode.goplugin.PluginProcess;
import io.grpc.Channel;
import java.time.Duration;

/** What a plugin interface gets for one started plugin process, its go-plugin broker included. */
record HostConnection(PluginProcess process, Channel channel, String pluginName, String pluginVersion,
        String hostIdentity, byte[] configuration, Duration callTimeout) implements PluginConnection {

    HostConnection {
        configuration = configuration.clone();
    }

    @Override
    public byte[] rawConfiguration() {
        return configuration.clone();
    }

    @Override
    public GrpcBroker broker() {
        return process.broker();
    }
}
