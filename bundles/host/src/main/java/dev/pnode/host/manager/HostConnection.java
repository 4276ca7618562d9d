package dev.pnode.host.manager;

import dev.pnode.api.PluginConnection;
import dev.pnode.goplugin.BrokeredConnection;
import dev.pnode.goplugin.GrpcBroker;
import dev.pnode.goplugin.PluginProcess;
import io.grpc.Channel;
import java.time.Duration;

/**
 * What a plugin interface gets for one started plugin process; interfaces with callbacks also reach the process's
 * go-plugin broker through it.
 */
record HostConnection(PluginProcess process, Channel channel, String pluginName, String pluginVersion,
        String hostIdentity, byte[] configuration, Duration callTimeout) implements PluginConnection, BrokeredConnection {

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
