package dev.pnode.rpc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.api.RestartPolicy;
import dev.pnode.rpc.transport.HealthCheck;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.Test;

public class NodeHealthTest {

    private static final NodeHealth.Readiness HOST_READY = new NodeHealth.Readiness("dev.pnode.host", "ready", "");

    @Test
    public void servesWhenEverythingIsReadyAndRunning() {
        HealthCheck.Health health = NodeHealth.evaluate(List.of(HOST_READY),
                Optional.of(List.of(plugin("helloworld", PluginState.RUNNING))));

        assertTrue(health.serving());
        assertEquals("{\"status\":\"ok\"}", health.json());
    }

    @Test
    public void namesARequiredPluginThatDoesNotRun() {
        HealthCheck.Health health = NodeHealth.evaluate(List.of(HOST_READY), Optional.of(List.of(
                plugin("helloworld", PluginState.STARTING), plugin("security", PluginState.RUNNING))));

        assertFalse(health.serving());
        assertEquals("{\"status\":\"unavailable\",\"failing\":{\"plugin helloworld\":\"starting\"}}", health.json());
    }

    @Test
    public void anOptionalPluginDegradesWithoutFailing() {
        PluginStatus failed = new PluginStatus("kvstore", "kvstore", "1.0.0", PluginState.FAILED, OptionalLong.empty(),
                Optional.empty(), 5, Optional.of("exec format error"), RestartPolicy.DEFAULT, true);

        HealthCheck.Health health = NodeHealth.evaluate(List.of(HOST_READY), Optional.of(List.of(failed)));

        assertTrue(health.serving());
        assertEquals("{\"status\":\"ok\",\"degraded\":{\"plugin kvstore\":\"failed: exec format error\"}}",
                health.json());
    }

    @Test
    public void failsWhileAServiceIsNotReadyOrTheHostIsAway() {
        HealthCheck.Health starting = NodeHealth.evaluate(List.of(new NodeHealth.Readiness("dev.pnode.host",
                "starting", "plugin helloworld")), Optional.of(List.of()));
        HealthCheck.Health noHost = NodeHealth.evaluate(List.of(), Optional.empty());

        assertEquals("{\"status\":\"unavailable\",\"failing\":{\"dev.pnode.host\":\"starting: plugin helloworld\"}}",
                starting.json());
        assertFalse(noHost.serving());
        assertEquals("{\"status\":\"unavailable\",\"failing\":{\"host\":\"the plugin host is not running\"}}",
                noHost.json());
    }

    private static PluginStatus plugin(String key, PluginState state) {
        return new PluginStatus(key, key, "1.0.0", state, OptionalLong.empty(), Optional.empty(), 0, Optional.empty());
    }
}
