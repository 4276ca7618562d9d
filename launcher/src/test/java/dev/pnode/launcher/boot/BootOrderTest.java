package dev.pnode.launcher.boot;

import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.pnode.launcher.features.BundleSpec;
import dev.pnode.launcher.features.FeatureResolver;
import dev.pnode.launcher.features.FeaturesRepository;
import dev.pnode.launcher.features.MavenRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The distribution's boot order: the plugin host starts its plugins' processes as early as the bundles it needs
 * running allow, so whatever a plugin start does not need running starts after it, beside the plugins' own start.
 */
public class BootOrderTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theGogoShellsRuntimeStartsAfterThePluginHost() throws Exception {
        Map<String, Integer> levels = defaultNodeLevels();
        int host = levels.get("pnode-host");
        for (String shellPart : List.of("org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command", "jline",
                "org.apache.felix.gogo.jline")) {
            assertTrue(shellPart + " at level " + levels.get(shellPart) + " starts before the plugin host (" + host
                    + ")", levels.get(shellPart) > host);
        }
    }

    @Test
    public void whatThePluginHostNeedsRunningStartsBeforeIt() throws Exception {
        Map<String, Integer> levels = defaultNodeLevels();
        int host = levels.get("pnode-host");
        for (String needed : List.of("org.apache.felix.scr", "pnode-logging", "pnode-helloworld", "pnode-security",
                "pnode-metrics")) {
            assertTrue(needed + " at level " + levels.get(needed) + " starts after the plugin host (" + host + ")",
                    levels.get(needed) < host);
        }
    }

    /**
     * The host's libraries need only be installed (starting the host resolves them; none has an activator or a
     * component): none of them holds the plugins' start up.
     */
    @Test
    public void thePluginHostStartsBeforeTheLibrariesItOnlyNeedsInstalled() throws Exception {
        Map<String, Integer> levels = defaultNodeLevels();
        int host = levels.get("pnode-host");
        for (String library : List.of("guava", "gson", "protobuf-java", "bcprov-jdk18on", "bcpkix-jdk18on",
                "commons-compress", "pnode-grpc", "pnode-proto", "pnode-api", "pnode-wire", "pnode-goplugin",
                "pnode-central", "prometheus-metrics-core")) {
            assertTrue(library + " at level " + levels.get(library) + " starts before the plugin host (" + host
                    + ")", levels.get(library) > host);
        }
    }

    /**
     * Why the host may start before its libraries: between it and Gogo's runtime (45, the first bundle after it that
     * does something when it starts) come only bundles without an activator or a component, which need only be
     * installed to be wired.
     */
    @Test
    public void theBundlesStartingBetweenThePluginHostAndTheShellAreLibraries() throws Exception {
        Path home = TestHome.create(temp.getRoot().toPath());
        MavenRepository system = new MavenRepository(home.resolve(Node.SYSTEM_REPOSITORY));
        List<BundleSpec> bundles = defaultNodeBundles(home, system);
        int host = bundles.stream().filter(bundle -> bundle.location().artifactId().equals("pnode-host"))
                .findFirst().orElseThrow().startLevel();
        int shell = bundles.stream().filter(bundle -> bundle.location().artifactId().equals(
                "org.apache.felix.gogo.runtime")).findFirst().orElseThrow().startLevel();
        for (BundleSpec bundle : bundles) {
            if (bundle.startLevel() > host && bundle.startLevel() < shell) {
                try (JarFile jar = new JarFile(system.resolve(bundle.location()).toFile())) {
                    Attributes manifest = jar.getManifest().getMainAttributes();
                    for (String header : List.of("Bundle-Activator", "Service-Component")) {
                        assertNull(bundle.location() + " at level " + bundle.startLevel() + " has a " + header
                                + " but starts after the plugin host (" + host + ")", manifest.getValue(header));
                    }
                }
            }
        }
    }

    /** Start level by artifact id, of the default node's bundles. */
    private Map<String, Integer> defaultNodeLevels() throws Exception {
        Path home = TestHome.create(temp.getRoot().toPath());
        return defaultNodeBundles(home, new MavenRepository(home.resolve(Node.SYSTEM_REPOSITORY))).stream()
                .collect(Collectors.toMap(bundle -> bundle.location().artifactId(), BundleSpec::startLevel,
                        (a, b) -> a));
    }

    private static List<BundleSpec> defaultNodeBundles(Path home, MavenRepository system) throws Exception {
        FeaturesRepository features = FeaturesRepository.load(List.of(home.resolve("etc/features.xml")), system);
        return new FeatureResolver(features).resolve(List.of("pnode"));
    }
}
