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

    ProblemInterface(String key) {
        this.key = key;
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
        return List.of("proto_common.PluginInitializer");
    }

    @Override
    public Object connect(PluginConnection connection) throws PluginException {
        QuorumInitializer.initialize(connection, key);
        return new Problem() {
        };
    }
}
