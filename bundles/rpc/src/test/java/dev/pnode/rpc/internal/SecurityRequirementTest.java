package dev.pnode.rpc.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

public class SecurityRequirementTest {

    private final AtomicReference<Optional<PluginRegistry>> host = new AtomicReference<>(Optional.empty());

    @Test
    public void aNodeWithoutPluginSettingsNeedsNoSecurityPlugin() {
        assertFalse(new SecurityRequirement(host::get, false).getAsBoolean());
    }

    @Test
    public void failsClosedUntilTheHostHasReadTheSettings() {
        SecurityRequirement requirement = new SecurityRequirement(host::get, true);
        assertTrue("no host yet", requirement.getAsBoolean());

        host.set(Optional.of(new Host(false, List.of())));
        assertTrue("the host has not read the settings yet", requirement.getAsBoolean());

        host.set(Optional.of(new Host(true, List.of(plugin("helloworld")))));
        assertFalse("the settings configure no security plugin", requirement.getAsBoolean());
    }

    @Test
    public void theHostsLastAnswerHoldsWhileItIsAway() {
        SecurityRequirement requirement = new SecurityRequirement(host::get, true);
        host.set(Optional.of(new Host(true, List.of(plugin("helloworld")))));
        assertFalse(requirement.getAsBoolean());

        host.set(Optional.empty());
        assertFalse("a host restart does not lock the endpoint", requirement.getAsBoolean());

        host.set(Optional.of(new Host(true, List.of(plugin("helloworld"), plugin("security")))));
        assertTrue(requirement.getAsBoolean());

        host.set(Optional.empty());
        assertTrue("a host restart does not open the endpoint", requirement.getAsBoolean());
    }

    private static PluginStatus plugin(String key) {
        return new PluginStatus(key, key, "1.0.0", PluginState.RUNNING, OptionalLong.empty(), Optional.empty(), 0,
                Optional.empty());
    }

    private record Host(boolean settingsRead, List<PluginStatus> plugins) implements PluginRegistry {

        @Override
        public Optional<PluginStatus> plugin(String interfaceKey) {
            return plugins.stream().filter(plugin -> plugin.interfaceKey().equals(interfaceKey)).findFirst();
        }

        @Override
        public List<String> recentOutput(String interfaceKey, int maxLines) {
            return List.of();
        }

        @Override
        public Duration callTimeout() {
            return Duration.ofSeconds(10);
        }
    }
}
