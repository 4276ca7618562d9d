package dev.pnode.host.manager;

import dev.pnode.api.DownloadProgress;
import dev.pnode.api.InstalledPlugin;
import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginStatus;
import dev.pnode.goplugin.PluginProcess;
import dev.pnode.host.settings.PluginSettings;
import dev.pnode.host.settings.ProviderSettings;
import dev.pnode.host.settings.SettingsException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * The plugin host as a DS component: registers itself as {@link PluginRegistry} and {@link PluginAdmin} with
 * {@code pnode.readiness} properties the launcher waits on, reads the settings at start and on reloads into its
 * {@link PluginTable} (one {@link ManagedPlugin} per configured provider) and binds each plugin to the plugin
 * interface a bundle registers for its key. Its parts are built by {@link HostParts}; the host's bookkeeping runs on its own supervisor
 * thread and every plugin's lifecycle on the plugin's own, so activation never blocks the framework and one plugin's
 * slow start, download, health check or stop never delays another plugin or the bookkeeping.
 */
@Component(immediate = true, service = {})
public final class PluginManager implements PluginRegistry, PluginAdmin {

    private static final System.Logger LOG = System.getLogger(PluginManager.class.getName());
    /**
     * How long the node's stop waits for its plugins, which stop in parallel: a plugin asked to shut down gets 1 s
     * for the RPC, 2 s, then SIGTERM and 2 s, then SIGKILL; a replaced process still draining adds its drain grace.
     */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Clock clock = Clock.systemUTC();
    private final Supervisor supervisor = new Supervisor("pnode-plugin-host");

    private final PluginTable plugins = new PluginTable(this::create);
    // the host's supervisor thread only
    private final InterfaceBindings interfaces = new InterfaceBindings();
    private PluginSettings settings;

    private volatile boolean stopping;
    /** Set once settings are read and their plugins created; see {@link PluginRegistry#settingsRead()}. */
    private volatile boolean settingsRead;
    private BundleContext context;
    /** Null when the framework properties are unusable (readiness says why). */
    private HostParts parts;
    private InterfaceTracker tracker;
    private ReadinessRegistration registration;
    private final FrameworkListener frameworkStarted = event -> {
        if (event.getType() == FrameworkEvent.STARTED) {
            supervisor.schedule(this::reportMissingInterfaces, parts.timings().interfaceGrace());
        }
    };

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        registration = ReadinessRegistration.register(context, this);
        try {
            parts = HostParts.build(context::getProperty, clock);
        } catch (IllegalArgumentException e) {
            supervisor.execute(() -> decide(Readiness.failed("plugin host: " + e.getMessage())));
            return;
        }
        if (parts.settings().file().isPresent()) {
            PluginProcess.prepareStart();
        }
        supervisor.execute(this::initialize);
        tracker = new InterfaceTracker(context, binding -> supervisor.execute(() -> interfaceAdded(binding)),
                binding -> supervisor.execute(() -> interfaceRemoved(binding)));
        tracker.open();
        context.addFrameworkListener(frameworkStarted);
        Bundle systemBundle = context.getBundle(0);
        if (systemBundle != null && systemBundle.getState() == Bundle.ACTIVE) {
            supervisor.schedule(this::reportMissingInterfaces, parts.timings().interfaceGrace());
        }
        supervisor.schedule(this::reportMissingInterfaces, parts.timings().interfaceTimeout());
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
        return plugins.all().stream().map(ManagedPlugin::status).toList();
    }

    @Override
    public boolean settingsRead() {
        return settingsRead;
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
        HostParts built = parts;
        return (built == null ? Timings.DEFAULT : built.timings()).callTimeout();
    }

    @Override
    public void reload(String interfaceKey) throws PluginException {
        String key = normalize(interfaceKey);
        PluginSettings fresh = loadSettings();
        ProviderSettings provider = fresh.providers().get(key);
        if (provider == null) {
            throw new IllegalArgumentException("no provider is configured under '" + interfaceKey + "' in "
                    + parts.settings().describe());
        }
        boolean[] added = new boolean[1];
        ManagedPlugin plugin = onSupervisor(() -> {
            ManagedPlugin existing = plugins.get(key);
            if (existing != null) {
                return existing;
            }
            added[0] = true;
            return plugins.add(provider, fresh);
        });
        // the plugin's own thread does the work; the host's thread goes on with everything else meanwhile
        await(plugin, plugin.submit(() -> {
            if (added[0]) {
                plugin.failIfNotRunning();
            } else {
                plugin.reload(provider, fresh.store());
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
        return parts().installer().install(name, version, loadSettings(), parts.settings().describe(), progress);
    }

    /** Supervisor thread: clean up after an earlier node, read the settings, create the plugins. */
    private void initialize() {
        parts.housekeeping().atStart();
        SettingsSource source = parts.settings();
        if (source.file().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "no plugin settings ({0} is not set): no plugins",
                    HostParts.PLUGINS_PROPERTY);
            settings = new PluginSettings(HostParts.defaultBaseDir(parts.dataDirectory()), Optional.empty(), Map.of());
            settingsRead = true;
            updateReadiness();
            return;
        }
        try {
            settings = source.read();
        } catch (SettingsException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            decide(Readiness.failed(e.getMessage()));
            return;
        }
        LOG.log(System.Logger.Level.INFO, "plugin settings {0}: {1} provider(s), base directory {2}",
                source.describe(), settings.providers().size(), settings.baseDir());
        if (!settings.providers().isEmpty()) {
            // while the zip is checked and the plugin spawned, not after: a Go plugin answers within tens of ms
            PluginProcess.warmUpChannel();
        }
        settings.providers().values().forEach(provider -> plugins.add(provider, settings));
        settingsRead = true;
        updateReadiness();
    }

    /** Host thread: fresh settings, applied by each plugin's own thread. */
    private Map<String, CompletableFuture<String>> applySettings(PluginSettings fresh) {
        Map<String, CompletableFuture<String>> outcome = plugins.apply(fresh);
        settings = fresh;
        settingsRead = true; // also when the first reading failed and a reload read them
        return outcome;
    }

    /** Host thread: the plugin of a newly configured provider, bound to its interface if a bundle offers it. */
    private ManagedPlugin create(ProviderSettings provider, PluginSettings withSettings) {
        String key = provider.interfaceKey();
        ManagedPlugin plugin = new ManagedPlugin(provider, withSettings.store(), parts.launcher(),
                new Supervisor("pnode-plugin-" + key), parts.timings(), clock,
                () -> supervisor.execute(this::updateReadiness));
        plugin.checkHealthEvery(parts.timings().healthInterval());
        Optional<InterfaceBinding> binding = interfaces.get(key);
        if (binding.isPresent()) {
            plugin.execute(() -> plugin.bind(binding.get()));
        } else if (interfaces.waitEnded()) {
            String missing = interfaces.missingMessage(key);
            plugin.execute(() -> plugin.interfaceMissing(missing));
        }
        return plugin;
    }

    private void interfaceAdded(InterfaceBinding binding) {
        if (stopping || !interfaces.add(binding)) {
            return;
        }
        ManagedPlugin plugin = plugins.get(binding.key());
        if (plugin != null) {
            plugin.execute(() -> plugin.bind(binding));
        }
    }

    private void interfaceRemoved(InterfaceBinding binding) {
        if (stopping || !interfaces.remove(binding)) {
            return;
        }
        ManagedPlugin plugin = plugins.get(binding.key());
        if (plugin != null) {
            plugin.execute(() -> plugin.unbind(binding));
        }
    }

    private void reportMissingInterfaces() {
        if (settings == null || !interfaces.endWait()) {
            return;
        }
        for (ManagedPlugin plugin : plugins.all()) {
            String missing = interfaces.missingMessage(plugin.key());
            plugin.execute(() -> plugin.interfaceMissing(missing));
        }
    }

    private void updateReadiness() {
        if (settings != null) {
            Set<String> optional = plugins.all().stream().filter(plugin -> plugin.provider().optional())
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
        Map<ManagedPlugin, CompletableFuture<Void>> stopped = new LinkedHashMap<>();
        plugins.all().forEach(plugin -> stopped.put(plugin, plugin.shutDown("node stopping")));
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        stopped.forEach((plugin, done) -> {
            try {
                done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
        if (parts != null) {
            parts.housekeeping().atStop();
        }
    }

    private HostParts parts() throws PluginException {
        if (parts == null) {
            throw new PluginException("plugin host: framework property " + HostParts.DATADIR_PROPERTY
                    + " is not set");
        }
        return parts;
    }

    private PluginSettings loadSettings() throws PluginException {
        return parts().settings().readForAdmin();
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
