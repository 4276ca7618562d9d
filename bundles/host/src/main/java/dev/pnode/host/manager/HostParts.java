package dev.pnode.host.manager;

import dev.pnode.api.PluginSettingsProperties;
import dev.pnode.api.node.NodeProperties;
import dev.pnode.central.Platform;
import dev.pnode.goplugin.PluginProcess;
import dev.pnode.host.discovery.CentralPluginSource;
import dev.pnode.host.discovery.ExtractionLimits;
import dev.pnode.host.discovery.PluginLocator;
import dev.pnode.host.discovery.WorkDirectories;
import dev.pnode.host.discovery.ZipExtractor;
import dev.pnode.host.settings.BooleanProperty;
import dev.pnode.host.settings.Environment;
import dev.pnode.host.settings.SettingsLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the plugin host is made of, built once from the framework properties when it activates: where its files
 * live ({@code <datadir>/plugins}, {@code work}, {@code run}), its timings, its settings file and the parts that
 * start and install plugins.
 */
record HostParts(Path dataDirectory, Timings timings, SettingsSource settings, PluginLauncher launcher,
        PluginInstaller installer, Housekeeping housekeeping) {

    static final String DATADIR_PROPERTY = NodeProperties.DATADIR;
    /** The plugin settings file; unset: no plugins. */
    static final String PLUGINS_PROPERTY = PluginSettingsProperties.FILE;
    static final String IDENTITY_PROPERTY = NodeProperties.IDENTITY;
    /**
     * {@code true} (default): starts nobody waits for boot at a lower CPU priority (a plugin that keeps failing, a
     * reload's replacement while the old process serves); {@code false}: every plugin starts at the node's.
     */
    static final String LOWER_START_PRIORITY_PROPERTY = "pnode.plugin.lowerStartPriority";

    /**
     * @param properties the framework properties
     * @throws IllegalArgumentException naming the property that is missing or wrong
     */
    static HostParts build(Function<String, String> properties, Clock clock) {
        String dataDir = properties.apply(DATADIR_PROPERTY);
        if (dataDir == null || dataDir.isBlank()) {
            throw new IllegalArgumentException("framework property " + DATADIR_PROPERTY + " is not set");
        }
        Timings timings = Timings.fromProperties(properties);
        boolean lowerStartPriority = flag(properties, LOWER_START_PRIORITY_PROPERTY, true);
        Path dataDirectory = Path.of(dataDir).toAbsolutePath().normalize();
        SettingsSource settings = new SettingsSource(
                Optional.ofNullable(properties.apply(HostParts.PLUGINS_PROPERTY)).filter(s -> !s.isBlank())
                        .map(Path::of),
                new SettingsLoader(defaultBaseDir(dataDirectory), Environment.SYSTEM, properties));
        Platform platform = Platform.current();
        CentralPluginSource central = new CentralPluginSource(platform);
        PluginLocator locator = new PluginLocator(platform, Optional.of(central));
        WorkDirectories work = new WorkDirectories(dataDirectory.resolve("work"));
        Path runDirectory = dataDirectory.resolve("run");
        PluginLauncher launcher = new PluginLauncher(PluginProcess::create, locator,
                new ZipExtractor(ExtractionLimits.DEFAULT), work, runDirectory,
                Optional.ofNullable(properties.apply(IDENTITY_PROPERTY)).orElse(""), timings, clock,
                lowerStartPriority);
        return new HostParts(dataDirectory, timings, settings, launcher, new PluginInstaller(locator, central),
                new Housekeeping(runDirectory, work));
    }

    /** @throws IllegalArgumentException naming the property when it is neither true nor false */
    private static boolean flag(Function<String, String> properties, String property, boolean fallback) {
        try {
            return BooleanProperty.parse(properties.apply(property), fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("framework property " + property + " " + e.getMessage(), e);
        }
    }

    /** Where plugin zips are looked for when the settings name no {@code baseDir}. */
    static Path defaultBaseDir(Path dataDirectory) {
        return dataDirectory.resolve("plugins");
    }
}
