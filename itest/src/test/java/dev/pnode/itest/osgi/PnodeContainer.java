package dev.pnode.itest.osgi;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import dev.pnode.launcher.boot.FrameworkProperties;
import dev.pnode.launcher.features.BundleSpec;
import dev.pnode.launcher.features.FeatureResolver;
import dev.pnode.launcher.features.FeaturesException;
import dev.pnode.launcher.features.FeaturesRepository;
import dev.pnode.launcher.features.MavenRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options for a Felix framework provisioned exactly like the distribution: the same features file and
 * the same bundle files from its {@code system/} folder, resolved by the launcher's own feature resolver.
 */
final class PnodeContainer {

    static final Path DISTRIBUTION = Path.of(System.getProperty("pnode.distribution", "../launcher/target/pnode"))
            .toAbsolutePath().normalize();

    private PnodeContainer() {
    }

    /**
     * @param features the boot features, as in {@code [Features] Boot}
     * @param pluginSettings the plugin settings JSON to write and pass as {@code pnode.plugins}, or null for none
     */
    static Option[] node(List<String> features, String pluginSettings) {
        try {
            Path dataDir = Files.createTempDirectory("pnode-itest-");
            List<Option> options = new ArrayList<>();
            options.add(cleanCaches());
            options.add(junitBundles());
            // injected services wait for plugin processes to start, which takes a JVM start or two
            options.add(systemTimeout(60_000));
            options.add(systemProperty("pnode.distribution").value(DISTRIBUTION.toString()));
            options.add(frameworkProperty("org.osgi.framework.system.packages.extra")
                    .value("com.sun.net.httpserver,sun.misc,sun.nio.ch"));
            options.add(frameworkProperty(FrameworkProperties.DATADIR).value(dataDir.toString()));
            options.add(frameworkProperty(FrameworkProperties.HOME).value(DISTRIBUTION.toString()));
            options.add(frameworkProperty(FrameworkProperties.IDENTITY).value(UUID.randomUUID().toString()));
            options.add(frameworkProperty(FrameworkProperties.IPC_PATH).value(dataDir.resolve("pnode.ipc").toString()));
            options.add(frameworkProperty("gosh.args").value("--nointeractive"));
            if (pluginSettings != null) {
                Path settings = Files.writeString(dataDir.resolve("plugins.json"), pluginSettings);
                options.add(frameworkProperty(FrameworkProperties.PLUGINS).value(settings.toString()));
            }
            int maxStartLevel = 1;
            MavenRepository system = new MavenRepository(DISTRIBUTION.resolve("system"));
            FeaturesRepository repository = FeaturesRepository.load(
                    List.of(DISTRIBUTION.resolve("etc/features.xml")), system);
            for (BundleSpec spec : new FeatureResolver(repository).resolve(features)) {
                options.add(bundle(system.resolve(spec.location()).toUri().toString())
                        .startLevel(spec.startLevel()).start(spec.start()));
                maxStartLevel = Math.max(maxStartLevel, spec.startLevel());
            }
            options.add(frameworkStartLevel(maxStartLevel + 10));
            return options.toArray(Option[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeaturesException e) {
            throw new IllegalStateException("cannot resolve features " + features + " from " + DISTRIBUTION, e);
        }
    }

    /** The default plugin settings of the distribution, with its plugins folder as the base directory. */
    static String defaultPluginSettings(String language) {
        return "{\"baseDir\":\"" + DISTRIBUTION.resolve("plugins") + "\",\"providers\":{\"helloworld\":"
                + "{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"config\":{\"language\":\"" + language + "\"}}}}";
    }
}
