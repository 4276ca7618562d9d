package dev.pnode.goplugin;

/**
 * A {@link dev.pnode.api.PluginConnection} that also offers the plugin process's {@link GrpcBroker}: a host
 * implements it so that plugin interfaces with callbacks can reach the broker, e.g.
 * {@code if (connection instanceof BrokeredConnection brokered) brokered.broker()}.
 */
public interface BrokeredConnection {

    GrpcBroker broker();
}
