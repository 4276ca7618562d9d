package dev.pnode.itest.callback;

import dev.pnode.api.GrpcBroker;
import dev.pnode.api.PluginConnection;
import io.grpc.Channel;
import java.time.Duration;

/** What the host hands a plugin interface, with the plugin process's broker, as the host's own connection should. */
record BrokeredTestConnection(Channel channel, GrpcBroker broker, Duration callTimeout)
        implements PluginConnection {

    @Override
    public String pluginName() {
        return "callback-go";
    }

    @Override
    public String pluginVersion() {
        return "1.0.0";
    }

    @Override
    public String hostIdentity() {
        return "callback-it";
    }

    @Override
    public byte[] rawConfiguration() {
        return new byte[0];
    }
}
