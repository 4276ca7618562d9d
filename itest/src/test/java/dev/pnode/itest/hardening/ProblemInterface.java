package dev.pnode.itest.hardening;

import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginInterface;
import dev.pnode.api.gateway.QuorumInitializer;
import java.util.List;

/**
 * A plugin interface registered by the test itself, so that plugins that misbehave (hung in their handshake, crashing
 * at every start, frozen) can be configured under keys of their own beside the healthy ones. Its contract has no
 * methods: these plugins are there to be supervised, not called.
 */
final class ProblemInterface implements PluginInterface {

    /** The contract of a problem plugin. */
    interface Problem {
    }

    private final String key;
    private final List<String> services;

    ProblemInterface(String key) {
        this(key, List.of("proto_common.PluginInitializer"));
    }

    /** @param services the gRPC services its plugins must serve */
    ProblemInterface(String key, List<String> services) {
        this.key = key;
        this.services = List.copyOf(services);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Class<?> contract() {
        return Problem.class;
    }

    @Override
    public List<String> grpcServices() {
        return services;
    }

    @Override
    public Object connect(PluginConnection connection) throws PluginException {
        QuorumInitializer.initialize(connection, key);
        return new Problem() {
        };
    }
}
