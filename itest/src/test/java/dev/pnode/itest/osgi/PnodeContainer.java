package dev.pnode.itest.osgi;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pnode.launcher.boot.DataDirectory;
import dev.pnode.launcher.boot.FrameworkProperties;
import dev.pnode.launcher.config.CommandLine;
import dev.pnode.launcher.config.ConfigException;
import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.config.UsageException;
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
import java.util.Set;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options for a Felix framework set up exactly like the distribution's node: the launcher's own framework
 * properties for a fresh data directory, and the same bundle files from its {@code system/} folder, resolved from
 * the same features file by the launcher's own feature resolver.
 */
public final class PnodeContainer {

    public static final Path DISTRIBUTION = Path.of(System.getProperty("pnode.distribution", "../launcher/target/pnode"))
            .toAbsolutePath().normalize();

    /**
     * Pax Exam manages the framework's storage and start levels itself, and exports its own packages from the
     * system bundle: the node's extra system packages are added to those instead of replacing them.
     */
    private static final Set<String> OWNED_BY_PAX_EXAM = Set.of("org.osgi.framework.storage",
            "org.osgi.framework.storage.clean", "org.osgi.framework.startlevel.beginning",
            "org.osgi.framework.system.packages.extra");

    private PnodeContainer() {
    }

    /**
     * @param features the boot features, as in {@code [Features] Boot}
     * @param pluginSettings the plugin settings JSON to write and pass as {@code pnode.plugins}, or null for none
     */
    public static Option[] node(List<String> features, String pluginSettings) {
        try {
            Path dataDir = Files.createTempDirectory("pnode-itest-");
            List<String> flags = new ArrayList<>(List.of("--datadir", dataDir.toString(), "--nointeractive"));
            if (pluginSettings != null) {
                flags.add("--plugins");
                flags.add(Files.writeString(dataDir.resolve("plugins.json"), pluginSettings).toString());
            }
            NodeSettings settings = NodeSettings.resolve(CommandLine.parse(flags.toArray(String[]::new)),
                    DISTRIBUTION, dataDir, false);
            DataDirectory data = DataDirectory.prepare(dataDir);

            List<Option> options = new ArrayList<>();
            options.add(cleanCaches());
            options.add(junitBundles());
            // injected services wait for plugin processes to start, which takes a JVM start or two
            options.add(systemTimeout(60_000));
            options.add(systemProperty("pax.exam.service.timeout").value("60000"));
            // grpc and netty log every frame at DEBUG: megabytes per test with nothing a reader needs
            options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("INFO"));
            options.add(systemProperty("pnode.distribution").value(DISTRIBUTION.toString()));
            options.add(systemPackages(FrameworkProperties.SYSTEM_PACKAGES_EXTRA.split(",")));
            FrameworkProperties.of(settings, data, data.nodeId(), false).forEach((name, value) -> {
                if (value instanceof String text && !OWNED_BY_PAX_EXAM.contains(name)) {
                    options.add(frameworkProperty(name).value(text));
                }
            });
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
        } catch (FeaturesException | ConfigException | UsageException e) {
            throw new IllegalStateException("cannot set up a node with features " + features + " from "
                    + DISTRIBUTION + ": " + e.getMessage(), e);
        }
    }

    /**
     * The distribution's own {@code etc/plugins.json} (the helloworld plugin from its embedded, signed central)
     * with another language; the plugin is downloaded and verified into the node's fresh data directory.
     */
    public static String defaultPluginSettings(String language) {
        try {
            Path settingsFile = DISTRIBUTION.resolve("etc/plugins.json");
            JsonObject settings = JsonParser.parseString(Files.readString(settingsFile)).getAsJsonObject();
            JsonObject central = settings.getAsJsonObject("central");
            // relative in the distribution, so that it can be unpacked anywhere; the test's copy lives elsewhere
            central.addProperty("baseURL", settingsFile.getParent().toUri()
                    .resolve(central.get("baseURL").getAsString()).toString());
            settings.getAsJsonObject("providers").getAsJsonObject("helloworld").getAsJsonObject("config")
                    .addProperty("language", language);
            return settings.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Settings that run one of the example plugins (built by this reactor, copied under its distribution name into
     * {@code pnode.itest.plugins}) as the helloworld provider.
     */
    public static String examplePluginSettings(String pluginName, String language) {
        JsonObject provider = new JsonObject();
        provider.addProperty("name", pluginName);
        provider.addProperty("version", "1.0.0");
        JsonObject config = new JsonObject();
        config.addProperty("language", language);
        provider.add("config", config);
        JsonObject providers = new JsonObject();
        providers.add("helloworld", provider);
        JsonObject settings = new JsonObject();
        settings.addProperty("baseDir", System.getProperty("pnode.itest.plugins", "target/plugins"));
        settings.add("providers", providers);
        return settings.toString();
    }
}
