package dev.pnode.launcher.boot;

import static org.junit.Assert.assertTrue;

import dev.pnode.launcher.features.BundleSpec;
import dev.pnode.launcher.features.FeatureResolver;
import dev.pnode.launcher.features.FeaturesRepository;
import dev.pnode.launcher.features.MavenRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The distribution's boot order: the plugin host starts its plugins' processes as early as the bundles it needs
 * allow, so whatever a plugin start does not need starts after it, beside the plugins' own start.
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
    public void whatThePluginHostNeedsStartsBeforeIt() throws Exception {
        Map<String, Integer> levels = defaultNodeLevels();
        int host = levels.get("pnode-host");
        for (String needed : List.of("org.apache.felix.scr", "pnode-logging", "pnode-grpc", "bcpkix-jdk18on",
                "pnode-wire", "pnode-goplugin", "pnode-helloworld", "pnode-metrics")) {
            assertTrue(needed + " at level " + levels.get(needed) + " starts after the plugin host (" + host + ")",
                    levels.get(needed) < host);
        }
    }

    /** Start level by artifact id, of the default node's bundles. */
    private Map<String, Integer> defaultNodeLevels() throws Exception {
        Path home = TestHome.create(temp.getRoot().toPath());
        FeaturesRepository features = FeaturesRepository.load(List.of(home.resolve("etc/features.xml")),
                new MavenRepository(home.resolve(Node.SYSTEM_REPOSITORY)));
        List<BundleSpec> bundles = new FeatureResolver(features).resolve(List.of("pnode"));
        return bundles.stream().collect(Collectors.toMap(bundle -> bundle.location().artifactId(),
                BundleSpec::startLevel, (a, b) -> a));
    }
}
