package dev.pnode.host.manager;

import dev.pnode.api.DownloadProgress;
import dev.pnode.api.InstalledPlugin;
import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginInterface;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.goplugin.OrphanReaper;
import dev.pnode.goplugin.PluginProcess;
import dev.pnode.host.discovery.CentralPluginSource;
import dev.pnode.host.discovery.DiscoveryException;
import dev.pnode.host.discovery.ExtractionLimits;
import dev.pnode.central.Platform;
import dev.pnode.host.discovery.PluginLocator;
import dev.pnode.host.discovery.WorkDirectories;
import dev.pnode.host.discovery.ZipExtractor;
import dev.pnode.host.manager.PluginLauncher.LaunchException;
import dev.pnode.host.settings.CentralSettings;
import dev.pnode.host.settings.Environment;
import dev.pnode.host.settings.PluginSettings;
import dev.pnode.host.settings.ProviderSettings;
import dev.pnode.host.settings.SettingsException;
import dev.pnode.host.settings.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The plugin host: reads the plugin settings ({@code pnode.plugins}), starts the plugin configured for every plugin
 * interface a bundle registers, supervises it and registers its contract service. Registers itself as
 * {@link PluginRegistry} and {@link PluginAdmin} with {@code pnode.readiness} properties the launcher waits on.
 * The host's bookkeeping (settings, interfaces, readiness) runs on its own supervisor thread and every plugin's
 * lifecycle on the plugin's own ({@link ManagedPlugin}), so activation never blocks the framework and one plugin's
 * slow start, download, health check or stop never delays another plugin or the bookkeeping.
 */
@Component(immediate = true, service = {})
public final class PluginManager implements PluginRegistry, PluginAdmin {

    static final String PLUGINS_PROPERTY = "pnode.plugins";
    static final String DATADIR_PROPERTY = "pnode.datadir";
    static final String IDENTITY_PROPERTY = "pnode.identity";
    /** {@code false} starts every plugin at the node's CPU priority, also one that keeps failing (default true). */
    static final String LOWER_FAILING_PRIORITY_PROPERTY = "pnode.plugin.lowerFailingPriority";

    private static final System.Logger LOG = System.getLogger(PluginManager.class.getName());
    /**
     * How long the node's stop waits for its plugins, which stop in parallel: a plugin asked to shut down gets 1 s
     * for the RPC, 2 s, then SIGTERM and 2 s, then SIGKILL; a replaced process still draining adds its drain grace.
     */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private Timings timings = Timings.DEFAULT;
    private final Clock clock = Clock.systemUTC();
    private final Supervisor supervisor = new Supervisor("pnode-plugin-host");

    // written on the host's supervisor thread only; read anywhere
    private volatile Map<String, ManagedPlugin> plugins = Map.of();
    // the host's supervisor thread only
    private final Map<String, InterfaceBinding> interfaces = new LinkedHashMap<>();
    private PluginSettings settings;
    private boolean interfaceDeadlinePassed;

    private volatile boolean stopping;
    private BundleContext context;
    private Optional<Path> settingsFile;
    private Path dataDirectory;
    private SettingsLoader loader;
    private PluginLauncher launcher;
    private PluginLocator locator;
    private CentralPluginSource central;
    private InterfaceTracker tracker;
    private ReadinessRegistration registration;
    private final FrameworkListener frameworkStarted = event -> {
        if (event.getType() == FrameworkEvent.STARTED) {
            supervisor.schedule(this::reportMissingInterfaces, timings.interfaceGrace());
        }
    };

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        registration = ReadinessRegistration.register(context, this);
        String dataDir = context.getProperty(DATADIR_PROPERTY);
        if (dataDir == null || dataDir.isBlank()) {
            supervisor.execute(() -> decide(Readiness.failed("plugin host: framework property " + DATADIR_PROPERTY
                    + " is not set")));
            return;
        }
        boolean lowerFailingPriority;
        try {
            timings = Timings.fromProperties(context::getProperty);
            lowerFailingPriority = flag(LOWER_FAILING_PRIORITY_PROPERTY, true);
        } catch (IllegalArgumentException e) {
            supervisor.execute(() -> decide(Readiness.failed("plugin host: " + e.getMessage())));
            return;
        }
        dataDirectory = Path.of(dataDir).toAbsolutePath().normalize();
        settingsFile = Optional.ofNullable(context.getProperty(PLUGINS_PROPERTY)).filter(s -> !s.isBlank())
                .map(Path::of);
        loader = new SettingsLoader(dataDirectory.resolve("plugins"), Environment.SYSTEM, context::getProperty);
        String identity = Optional.ofNullable(context.getProperty(IDENTITY_PROPERTY)).orElse("");
        Platform platform = Platform.current();
        central = new CentralPluginSource(platform);
        locator = new PluginLocator(platform, Optional.of(central));
        launcher = new PluginLauncher(PluginProcess::create, locator, new ZipExtractor(ExtractionLimits.DEFAULT),
                new WorkDirectories(dataDirectory.resolve("work")), dataDirectory.resolve("run"), identity, timings,
                clock, lowerFailingPriority);

        if (settingsFile.isPresent()) {
            PluginProcess.prepareStart();
        }
        supervisor.execute(this::initialize);
        tracker = new InterfaceTracker(context, binding -> supervisor.execute(() -> interfaceAdded(binding)),
                binding -> supervisor.execute(() -> interfaceRemoved(binding)));
        tracker.open();
        context.addFrameworkListener(frameworkStarted);
        Bundle systemBundle = context.getBundle(0);
        if (systemBundle != null && systemBundle.getState() == Bundle.ACTIVE) {
            supervisor.schedule(this::reportMissingInterfaces, timings.interfaceGrace());
        }
        supervisor.schedule(this::reportMissingInterfaces, timings.interfaceTimeout());
    }

    /** @throws IllegalArgumentException naming the property when it is neither true nor false */
    private boolean flag(String property, boolean fallback) {
        String value = context.getProperty(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("framework property " + property
                    + " must be true or false, was '" + value.strip() + "'");
        };
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        context.removeFrameworkListener(frameworkStarted);
        if (tracker != null) {
            tracker.close();
        }
        supervisor.shutdown(this::stopAll, STOP_TIMEOUT.plusSeconds(5));
        registration.unregister();
    }

    @Override
    public List<PluginStatus> plugins() {
        return plugins.values().stream().map(ManagedPlugin::status).toList();
    }

    @Override
    public Optional<PluginStatus> plugin(String interfaceKey) {
        return Optional.ofNullable(plugins.get(normalize(interfaceKey))).map(ManagedPlugin::status);
    }

    @Override
    public List<String> recentOutput(String interfaceKey, int maxLines) {
        ManagedPlugin plugin = plugins.get(normalize(interfaceKey));
        if (plugin == null) {
            throw new IllegalArgumentException("no plugin is configured under '" + interfaceKey + "'");
        }
        return plugin.recentOutput(maxLines);
    }

    @Override
    public Duration callTimeout() {
        return timings.callTimeout();
    }

    @Override
    public void reload(String interfaceKey) throws PluginException {
        String key = normalize(interfaceKey);
        PluginSettings fresh = loadSettings();
        ProviderSettings provider = fresh.providers().get(key);
        if (provider == null) {
            throw new IllegalArgumentException("no provider is configured under '" + interfaceKey + "' in "
                    + settingsFile.map(Path::toString).orElse("the plugin settings"));
        }
        boolean[] added = new boolean[1];
        ManagedPlugin plugin = onSupervisor(() -> {
            ManagedPlugin existing = plugins.get(key);
            if (existing != null) {
                return existing;
            }
            added[0] = true;
            return add(provider, fresh);
        });
        // the plugin's own thread does the work; the host's thread goes on with everything else meanwhile
        await(plugin, plugin.submit(() -> {
            if (added[0]) {
                failIfNotRunning(plugin);
            } else {
                plugin.reload(provider, fresh);
            }
            return null;
        }));
    }

    @Override
    public Map<String, String> reloadAll() throws PluginException {
        PluginSettings fresh = loadSettings();
        Map<String, CompletableFuture<String>> pending = onSupervisor(() -> applySettings(fresh));
        Map<String, String> outcome = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<String>> each : pending.entrySet()) {
            try {
                outcome.put(each.getKey(), each.getValue().join());
            } catch (CompletionException | CancellationException e) {
                outcome.put(each.getKey(), "plugin " + each.getKey() + ": " + (e.getCause() != null
                        ? e.getCause().getMessage() : e.getMessage()));
            }
        }
        outcome.values().removeIf(Objects::isNull);
        return outcome;
    }

    @Override
    public InstalledPlugin install(String name, String version, DownloadProgress progress) throws PluginException {
        PluginSettings current = loadSettings();
        Path baseDir = current.baseDir();
        try {
            for (String candidate : locator.candidateNames(name, version)) {
                Path zip = baseDir.resolve(candidate);
                if (Files.isRegularFile(zip)) {
                    central.verifyInstalled(zip);
                    LOG.log(System.Logger.Level.INFO, "plugin {0} {1} is already installed as {2}", name, version, zip);
                    return new InstalledPlugin(name, version, zip, false);
                }
            }
            if (current.central().isEmpty()) {
                throw new PluginException("cannot install plugin " + name + " " + version + ": "
                        + settingsFile.map(Path::toString).orElse("the plugin settings") + " configure no central;"
                        + " copy " + name + "-" + version + ".zip into " + baseDir + " instead");
            }
            return new InstalledPlugin(name, version,
                    central.install(name, version, current.central().get(), baseDir, progress), true);
        } catch (DiscoveryException e) {
            throw new PluginException(e.getMessage(), e);
        }
    }

    /** Supervisor thread: reap orphans, clean work directories, read the settings, create the plugins. */
    private void initialize() {
        LOG.log(System.Logger.Level.INFO, PluginProcess.tetherDescription());
        try {
            int orphans = OrphanReaper.reap(dataDirectory.resolve("run"));
            if (orphans > 0) {
                LOG.log(System.Logger.Level.WARNING, "killed {0} plugin process(es) left by an earlier node", orphans);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not clean up orphan plugin processes: " + e);
        }
        try {
            int stale = launcher.workDirectories().removeStale();
            if (stale > 0) {
                LOG.log(System.Logger.Level.INFO, "removed {0} stale plugin work director(ies)", stale);
            }
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove stale plugin work directories: " + e);
        }
        if (settingsFile.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "no plugin settings ({0} is not set): no plugins", PLUGINS_PROPERTY);
            settings = new PluginSettings(dataDirectory.resolve("plugins"), Optional.empty(), Map.of());
            updateReadiness();
            return;
        }
        try {
            settings = loader.load(settingsFile.get());
        } catch (SettingsException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            decide(Readiness.failed(e.getMessage()));
            return;
        }
        LOG.log(System.Logger.Level.INFO, "plugin settings {0}: {1} provider(s), base directory {2}",
                settingsFile.get(), settings.providers().size(), settings.baseDir());
        warnIfSignaturesUnchecked(settings);
        settings.providers().values().forEach(provider -> add(provider, settings));
        updateReadiness();
    }

    /**
     * Host thread: the diff between the running plugins and fresh settings, handed to each plugin's own thread, so
     * that the plugins stop, start and reload in parallel.
     *
     * @return per interface key, the outcome to report (null: nothing to report), once the plugin's thread knows it
     */
    private Map<String, CompletableFuture<String>> applySettings(PluginSettings fresh) {
        Map<String, CompletableFuture<String>> outcome = new LinkedHashMap<>();
        for (ManagedPlugin plugin : List.copyOf(plugins.values())) {
            if (!fresh.providers().containsKey(plugin.key())) {
                remove(plugin.key());
                outcome.put(plugin.key(), plugin.shutDown("removed from the plugin settings")
                        .thenApply(stopped -> "stopped"));
            }
        }
        for (ProviderSettings provider : fresh.providers().values()) {
            String key = provider.interfaceKey();
            ManagedPlugin existing = plugins.get(key);
            if (existing == null) {
                ManagedPlugin plugin = add(provider, fresh);
                outcome.put(key, plugin.submit(() -> describeStart(plugin.status())));
                continue;
            }
            outcome.put(key, existing.submit(() -> apply(existing, provider, fresh)));
        }
        settings = fresh;
        plugins = reorder(fresh);
        return outcome;
    }

    /** The plugin's thread: fresh settings for a plugin that is already configured. */
    private static String apply(ManagedPlugin plugin, ProviderSettings provider, PluginSettings fresh) {
        boolean wasRunning = plugin.status().state() == PluginState.RUNNING;
        try {
            if (wasRunning && plugin.runs(provider)) {
                return plugin.adopt(provider) ? "restart policy changed" : null;
            }
            plugin.reload(provider, fresh);
            return wasRunning ? "reloaded" : "started";
        } catch (PluginException | LaunchException e) {
            return e.getMessage();
        }
    }

    private ManagedPlugin add(ProviderSettings provider, PluginSettings withSettings) {
        String key = provider.interfaceKey();
        ManagedPlugin plugin = new ManagedPlugin(provider, withSettings, launcher, new Supervisor("pnode-plugin-"
                + key), timings, clock, () -> supervisor.execute(this::updateReadiness));
        Map<String, ManagedPlugin> updated = new LinkedHashMap<>(plugins);
        updated.put(key, plugin);
        plugins = Collections.unmodifiableMap(updated);
        plugin.checkHealthEvery(timings.healthInterval());
        InterfaceBinding binding = interfaces.get(key);
        if (binding != null) {
            plugin.execute(() -> plugin.bind(binding));
        } else if (interfaceDeadlinePassed) {
            String missing = missingInterfaceMessage(key);
            plugin.execute(() -> plugin.interfaceMissing(missing));
        }
        return plugin;
    }

    private void remove(String key) {
        Map<String, ManagedPlugin> updated = new LinkedHashMap<>(plugins);
        updated.remove(key);
        plugins = Collections.unmodifiableMap(updated);
    }

    private Map<String, ManagedPlugin> reorder(PluginSettings fresh) {
        Map<String, ManagedPlugin> ordered = new LinkedHashMap<>();
        fresh.providers().keySet().forEach(key -> ordered.put(key, plugins.get(key)));
        return Collections.unmodifiableMap(ordered);
    }

    private static void failIfNotRunning(ManagedPlugin plugin) throws PluginException {
        PluginStatus status = plugin.status();
        if (status.state() != PluginState.RUNNING) {
            throw new PluginException("plugin " + plugin.key() + ": " + status.lastError().orElse("did not start"));
        }
    }

    private static String describeStart(PluginStatus status) {
        return status.state() == PluginState.RUNNING ? "started"
                : "not started: " + status.lastError().orElse("waiting for its plugin interface");
    }

    private void interfaceAdded(InterfaceBinding binding) {
        if (stopping) {
            return;
        }
        InterfaceBinding existing = interfaces.putIfAbsent(binding.key(), binding);
        if (existing != null) {
            LOG.log(System.Logger.Level.WARNING, "plugin interface ''{0}'' from {1} ignored: {2} already provides it",
                    binding.key(), binding.bundleName(), existing.bundleName());
            return;
        }
        LOG.log(System.Logger.Level.INFO, "plugin interface ''{0}'' available from {1}", binding.key(),
                binding.bundleName());
        ManagedPlugin plugin = plugins.get(binding.key());
        if (plugin != null) {
            plugin.execute(() -> plugin.bind(binding));
        }
    }

    private void interfaceRemoved(InterfaceBinding binding) {
        if (stopping || !interfaces.remove(binding.key(), binding)) {
            return;
        }
        ManagedPlugin plugin = plugins.get(binding.key());
        if (plugin != null) {
            plugin.execute(() -> plugin.unbind(binding));
        }
    }

    private void reportMissingInterfaces() {
        if (interfaceDeadlinePassed || settings == null) {
            return;
        }
        interfaceDeadlinePassed = true;
        for (ManagedPlugin plugin : plugins.values()) {
            String missing = missingInterfaceMessage(plugin.key());
            plugin.execute(() -> plugin.interfaceMissing(missing));
        }
    }

    private String missingInterfaceMessage(String key) {
        return "no bundle provides plugin interface '" + key + "' (installed interfaces: "
                + (interfaces.isEmpty() ? "none" : String.join(", ", new TreeMap<>(interfaces).keySet())) + ")";
    }

    private void updateReadiness() {
        if (settings != null) {
            Set<String> optional = plugins.values().stream().filter(plugin -> plugin.provider().optional())
                    .map(ManagedPlugin::key).collect(Collectors.toSet());
            decide(Readiness.of(plugins(), optional));
        }
    }

    private void decide(Readiness next) {
        if (!stopping) {
            registration.publish(next);
        }
    }

    /** All plugins stop in parallel, each on its own thread; one that does not finish in time is abandoned. */
    private void stopAll() {
        Map<ManagedPlugin, CompletableFuture<Void>> stopping = new LinkedHashMap<>();
        plugins.values().forEach(plugin -> stopping.put(plugin, plugin.shutDown("node stopping")));
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        stopping.forEach((plugin, stopped) -> {
            try {
                stopped.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "plugin {0} did not stop within {1} s; abandoning it",
                        plugin.key(), STOP_TIMEOUT.toSeconds());
                plugin.abandon();
            } catch (ExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, "plugin {0}: stopping failed: {1}", plugin.key(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                plugin.abandon();
            }
        });
        try {
            if (launcher != null) {
                launcher.workDirectories().removeStale();
            }
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove plugin work directories: " + e);
        }
    }

    private PluginSettings loadSettings() throws PluginException {
        if (loader == null) {
            throw new PluginException("plugin host: framework property " + DATADIR_PROPERTY + " is not set");
        }
        if (settingsFile.isEmpty()) {
            throw new PluginException("no plugin settings file is configured (" + PLUGINS_PROPERTY + " is not set)");
        }
        try {
            PluginSettings loaded = loader.load(settingsFile.get());
            warnIfSignaturesUnchecked(loaded);
            return loaded;
        } catch (SettingsException e) {
            throw new PluginException(e.getMessage(), e);
        }
    }

    /**
     * {@code central.skipVerify} or {@code --plugins.skipverify}: said every time the settings are read (the central
     * says it on every download).
     */
    private void warnIfSignaturesUnchecked(PluginSettings loaded) {
        loaded.central().filter(CentralSettings::skipVerify).ifPresent(central -> LOG.log(
                System.Logger.Level.WARNING, "plugin settings {0}: central.skipVerify (or --plugins.skipverify) is set: plugins downloaded from"
                        + " {1} are installed WITHOUT checking their signature", settingsFile.map(Path::toString)
                        .orElse(""), central.baseUrl()));
    }

    private <T> T onSupervisor(SupervisorTask<T> task) throws PluginException {
        try {
            return supervisor.call(task::run);
        } catch (PluginException | IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new PluginException("plugin host: " + e, e);
        }
    }

    /** Waits for work handed to a plugin's own thread. */
    private static void await(ManagedPlugin plugin, CompletableFuture<?> work) throws PluginException {
        try {
            work.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PluginException failure) {
                throw failure;
            }
            if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
                throw (RuntimeException) cause;
            }
            throw new PluginException("plugin " + plugin.key() + ": " + cause, cause);
        }
    }

    private static String normalize(String interfaceKey) {
        return interfaceKey == null ? "" : interfaceKey.toLowerCase(Locale.ROOT);
    }

    @FunctionalInterface
    private interface SupervisorTask<T> {
        T run() throws PluginException;
    }
}
