package dev.pnode.itest.deploy;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options for the default node (feature {@code pnode}, with FileInstall) plus the pnode-deploy bundle, set
 * up like the launcher sets up a node: a fresh data directory with {@code deploy/} and {@code plugins/} (holding the
 * distribution's helloworld zip), FileInstall watching {@code deploy/}, and plugin settings with helloworld only.
 */
final class DeployNode {

    static final Path DISTRIBUTION = Path.of(System.getProperty("pnode.distribution", "../launcher/target/pnode"))
            .toAbsolutePath().normalize();
    /** The file name of the plugin settings in the data directory; tests rewrite it to add providers. */
    static final String PLUGIN_SETTINGS = "plugins.json";
    /** Quicker than a node's 1 s, so that tests wait less; FileInstall still needs two equal polls per change. */
    static final int POLL_MILLIS = 300;

    private DeployNode() {
    }

    static Option[] options() {
        try {
            Path dataDir = Files.createTempDirectory("pnode-itest-deploy-");
            Path deploy = Files.createDirectories(dataDir.resolve("deploy"));
            Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
            Files.copy(DISTRIBUTION.resolve("plugins/helloworld-1.0.0.zip"), plugins.resolve("helloworld-1.0.0.zip"));
            Path settings = Files.writeString(dataDir.resolve(PLUGIN_SETTINGS), pluginSettings(plugins, ""));

            List<Option> options = new ArrayList<>();
            options.add(cleanCaches());
            options.add(junitBundles());
            options.add(systemTimeout(60_000));
            options.add(systemProperty("pnode.distribution").value(DISTRIBUTION.toString()));
            // systemPackages, not the framework property: that would replace the packages Pax Exam adds for its probe
            options.add(systemPackages("com.sun.net.httpserver", "sun.misc", "sun.nio.ch"));
            options.add(frameworkProperty(FrameworkProperties.DATADIR).value(dataDir.toString()));
            options.add(frameworkProperty(FrameworkProperties.HOME).value(DISTRIBUTION.toString()));
            options.add(frameworkProperty(FrameworkProperties.IDENTITY).value(UUID.randomUUID().toString()));
            options.add(frameworkProperty(FrameworkProperties.IPC_PATH).value(dataDir.resolve("pnode.ipc").toString()));
            options.add(frameworkProperty(FrameworkProperties.PLUGINS).value(settings.toString()));
            options.add(frameworkProperty("gosh.args").value("--nointeractive"));
            // FileInstall as the launcher configures it (see the deploy report), polling faster
            options.add(frameworkProperty("felix.fileinstall.dir").value(deploy.toString()));
            options.add(frameworkProperty("felix.fileinstall.poll").value(Integer.toString(POLL_MILLIS)));
            options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
            options.add(frameworkProperty("felix.fileinstall.filter").value(".*\\.jar"));
            options.add(frameworkProperty("felix.fileinstall.subdir.mode").value("skip"));
            options.add(frameworkProperty("felix.fileinstall.tmpdir").value(dataDir.resolve("tmp").toString()));
            options.add(frameworkProperty("felix.fileinstall.optionalImportRefreshScope").value("managed"));
            options.add(frameworkProperty("felix.fileinstall.fragmentRefreshScope").value("managed"));
            options.add(frameworkProperty("felix.fileinstall.log.default").value("jul"));
            options.add(frameworkProperty("felix.fileinstall.log.level").value("3"));

            int maxStartLevel = 1;
            MavenRepository system = new MavenRepository(DISTRIBUTION.resolve("system"));
            FeaturesRepository repository = FeaturesRepository.load(
                    List.of(DISTRIBUTION.resolve("etc/features.xml")), system);
            for (BundleSpec spec : new FeatureResolver(repository).resolve(List.of("pnode"))) {
                options.add(bundle(system.resolve(spec.location()).toUri().toString())
                        .startLevel(spec.startLevel()).start(spec.start()));
                maxStartLevel = Math.max(maxStartLevel, spec.startLevel());
            }
            options.add(bundle(artifact("pnode.deploy.bundle", "pnode-deploy", ".jar").toUri().toString())
                    .startLevel(60).start(true));
            options.add(frameworkStartLevel(maxStartLevel + 10));
            return options.toArray(Option[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeaturesException e) {
            throw new IllegalStateException("cannot resolve feature pnode from " + DISTRIBUTION, e);
        }
    }

    /** Settings with helloworld, and {@code extraProviders} (JSON members, each with a leading comma) after it. */
    static String pluginSettings(Path baseDir, String extraProviders) {
        return "{\"baseDir\":\"" + baseDir + "\",\"providers\":{\"helloworld\":{\"name\":\"helloworld\","
                + "\"version\":\"1.0.0\",\"config\":{\"language\":\"en\"}}" + extraProviders + "}}";
    }

    /**
     * A build output the tests need: the path the system property names (set by the itest pom), or else the one
     * version of the dev.pnode artifact in the local Maven repository.
     *
     * @param suffix what follows {@code <artifactId>-<version>}, e.g. {@code .jar} or {@code -plugin.zip}
     */
    static Path artifact(String property, String artifactId, String suffix) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path repository = Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        Path versions = repository.resolve("dev/pnode").resolve(artifactId);
        try (DirectoryStream<Path> found = Files.newDirectoryStream(versions, Files::isDirectory)) {
            for (Path version : found) {
                Path file = version.resolve(artifactId + "-" + version.getFileName() + suffix);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("set -D" + property + ": cannot look in " + versions + ": " + e, e);
        }
        throw new IllegalStateException("set -D" + property + ": no " + artifactId + "-*" + suffix + " in " + versions);
    }
}
