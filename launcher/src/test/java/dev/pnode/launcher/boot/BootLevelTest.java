package dev.pnode.launcher.boot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.node.StartLevels;
import dev.pnode.launcher.features.BundleSpec;
import dev.pnode.launcher.features.FeaturesException;
import dev.pnode.launcher.features.MavenCoordinates;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * How far the launcher raises the framework, and what it installs: the HTTP stack's levels and bundles only when an
 * endpoint needs them at boot.
 */
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

    @Test
    public void withoutAnEndpointTheBootLeavesTheHttpStacksBundlesForLater() {
        Map<Boolean, Map<BundleSpec, Path>> split = BundleProvisioner.splitHttpStack(files(NODE), false);
        assertEquals(List.of(bundle("scr", 10), bundle("host", 40), bundle("shell", 90)),
                List.copyOf(split.get(false).keySet()));
        assertEquals(List.of(bundle("jetty", 95), bundle("websocket", 97)), List.copyOf(split.get(true).keySet()));
        assertEquals(Path.of("jetty.jar"), split.get(true).get(bundle("jetty", 95)));
    }

    @Test
    public void anEndpointAtBootInstallsTheWholeHttpStack() {
        Map<Boolean, Map<BundleSpec, Path>> split = BundleProvisioner.splitHttpStack(files(NODE), true);
        assertEquals(NODE, List.copyOf(split.get(false).keySet()));
        assertTrue(split.get(true).isEmpty());
    }

    private static Map<BundleSpec, Path> files(List<BundleSpec> bundles) {
        Map<BundleSpec, Path> files = new LinkedHashMap<>();
        bundles.forEach(bundle -> files.put(bundle, Path.of(bundle.location().artifactId() + ".jar")));
        return files;
    }

    private static BundleSpec bundle(String name, int level) {
        try {
            return new BundleSpec(MavenCoordinates.parse("mvn:test/" + name + "/1.0.0"), level, true);
        } catch (FeaturesException e) {
            throw new AssertionError(e);
        }
    }
}
