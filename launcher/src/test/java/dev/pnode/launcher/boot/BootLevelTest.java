package dev.pnode.launcher.boot;

import static org.junit.Assert.assertEquals;

import dev.pnode.api.node.StartLevels;
import dev.pnode.launcher.features.BundleSpec;
import dev.pnode.launcher.features.FeaturesException;
import dev.pnode.launcher.features.MavenCoordinates;
import java.util.List;
import org.junit.Test;

/** How far the launcher raises the framework: the HTTP stack's levels only when an endpoint needs them at boot. */
public class BootLevelTest {

    private static final List<BundleSpec> NODE = List.of(bundle("scr", 10), bundle("host", 40), bundle("shell", 90),
            bundle("jetty", 95), bundle("websocket", 97));

    @Test
    public void withoutAnEndpointTheBootStopsBelowTheHttpStack() {
        assertEquals(90, BundleProvisioner.bootLevel(NODE, false));
    }

    @Test
    public void anEndpointAtBootStartsTheWholeHttpStack() {
        assertEquals(StartLevels.HTTP_STACK, BundleProvisioner.bootLevel(NODE, true));
        assertEquals(120, BundleProvisioner.bootLevel(List.of(bundle("late", 120)), true));
    }

    @Test
    public void theHttpStackBeginsAboveEveryOtherLevel() {
        assertEquals(StartLevels.HTTP_STACK_FIRST - 1,
                BundleProvisioner.bootLevel(List.of(bundle("a", StartLevels.HTTP_STACK_FIRST - 1),
                        bundle("b", StartLevels.HTTP_STACK_FIRST)), false));
        assertEquals(1, BundleProvisioner.bootLevel(List.of(), false));
    }

    private static BundleSpec bundle(String name, int level) {
        try {
            return new BundleSpec(MavenCoordinates.parse("mvn:test/" + name + "/1.0.0"), level, true);
        } catch (FeaturesException e) {
            throw new AssertionError(e);
        }
    }
}
