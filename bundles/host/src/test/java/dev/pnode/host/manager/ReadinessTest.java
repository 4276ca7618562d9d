package dev.pnode.host.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import org.junit.Test;

public class ReadinessTest {

    private static PluginStatus plugin(String key, PluginState state, String error) {
        return new PluginStatus(key, key + "-plugin", "1.0.0", state, OptionalLong.empty(), Optional.empty(), 0,
                Optional.ofNullable(error));
    }

    @Test
    public void noPluginsIsReady() {
        Readiness readiness = Readiness.of(List.of(), Set.of());
        assertEquals(Readiness.READY, readiness.state());
        assertEquals("no plugins configured", readiness.message());
        assertTrue(readiness.isFinal());
    }

    @Test
    public void allRunningIsReady() {
        Readiness readiness = Readiness.of(List.of(plugin("a", PluginState.RUNNING, null),
                plugin("b", PluginState.RUNNING, null)), Set.of());
        assertEquals(Readiness.READY, readiness.state());
        assertEquals("2 plugins running", readiness.message());
    }

    @Test
    public void anyStartingIsStartingAndNamesThem() {
        Readiness readiness = Readiness.of(List.of(plugin("a", PluginState.RUNNING, null),
                plugin("b", PluginState.STARTING, null), plugin("c", PluginState.STARTING, null)), Set.of());
        assertEquals(Readiness.STARTING, readiness.state());
        assertEquals("starting plugins: b, c", readiness.message());
        assertFalse(readiness.isFinal());
    }

    @Test
    public void anOptionalPluginRetriedAfterAFailureDoesNotHoldStartupUp() {
        Readiness readiness = Readiness.of(List.of(plugin("a", PluginState.RUNNING, null),
                plugin("hung", PluginState.STARTING, "plugin hung printed no handshake line within 30000 ms")),
                Set.of("hung"));
        assertEquals(Readiness.READY, readiness.state());
        assertEquals("1 plugin running; optional plugins not running (retried): hung", readiness.message());
    }

    @Test
    public void anOptionalPluginInItsFirstStartIsWaitedFor() {
        assertEquals(Readiness.STARTING, Readiness.of(List.of(plugin("a", PluginState.RUNNING, null),
                plugin("slow", PluginState.STARTING, null)), Set.of("slow")).state());
    }

    @Test
    public void aFailureWinsAndNamesThePlugin() {
        Readiness readiness = Readiness.of(List.of(plugin("a", PluginState.STARTING, null),
                plugin("helloworld", PluginState.FAILED, "plugin zip not found")), Set.of());
        assertEquals(Readiness.FAILED, readiness.state());
        assertEquals("plugin helloworld: plugin zip not found", readiness.message());
    }

    @Test
    public void aFailedOptionalPluginDoesNotFailStartup() {
        Readiness readiness = Readiness.of(List.of(plugin("helloworld", PluginState.RUNNING, null),
                plugin("security", PluginState.FAILED, "plugin zip not found")), Set.of("security"));
        assertEquals(Readiness.READY, readiness.state());
        assertEquals("1 plugin running; optional plugins not running (retried): security", readiness.message());
    }

    @Test
    public void aStartingOptionalPluginIsStillAwaited() {
        Readiness readiness = Readiness.of(List.of(plugin("security", PluginState.STARTING, null)), Set.of("security"));
        assertEquals(Readiness.STARTING, readiness.state());
    }

    @Test
    public void servicePropertiesCarryStateAndMessage() {
        Readiness readiness = Readiness.failed("bad settings");
        assertEquals("failed", readiness.serviceProperties().get("pnode.readiness"));
        assertEquals("bad settings", readiness.serviceProperties().get("pnode.readiness.message"));
    }
}
