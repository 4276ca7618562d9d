package dev.pnode.host.manager;

import dev.pnode.api.PluginProcessVariables;
import dev.pnode.goplugin.CpuPriority;
import dev.pnode.goplugin.LaunchSpec;
import dev.pnode.goplugin.PluginProcess;
import dev.pnode.wire.PluginStartException;
import dev.pnode.host.discovery.DiscoveryException;
import dev.pnode.host.discovery.ExtractedPlugin;
import dev.pnode.host.discovery.PluginLocator;
import dev.pnode.host.discovery.WorkDirectories;
import dev.pnode.host.discovery.ZipExtractor;
import dev.pnode.host.settings.PluginStore;
import dev.pnode.host.settings.ProviderSettings;
import dev.pnode.host.settings.SettingsException;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Takes a provider from settings to a connected plugin: resolves its config, finds its zip and unpacks it into its
 * private directory (or reuses the one an earlier start left, once it is compared with the zip), starts the process
 * (go-plugin handshake, AutoMTLS; its cache directory in {@value PluginProcessVariables#CACHE_DIR}) and lets the
 * interface connect. Whatever fails, the process is killed; the directory is kept for the next start unless the zip
 * failed its digest check.
 */
final class PluginLauncher {

    private static final System.Logger LOG = System.getLogger(PluginLauncher.class.getName());

    private final Function<LaunchSpec, PluginProcess> processes;
    private final PluginLocator locator;
    private final ZipExtractor extractor;
    private final WorkDirectories workDirectories;
    private final Path runDirectory;
    private final String hostIdentity;
    private final Timings timings;
    private final Clock clock;
    private final boolean lowerStartPriority;

    /**
     * @param processes makes the process for a launch spec: {@link PluginProcess#create}
     * @param lowerStartPriority whether a start asked for at a lowered priority ({@link CpuPriority#LOW},
     *     {@link CpuPriority#BACKGROUND}) gets it (else every plugin starts at the host's priority)
     */
    PluginLauncher(Function<LaunchSpec, PluginProcess> processes, PluginLocator locator, ZipExtractor extractor,
            WorkDirectories workDirectories, Path runDirectory, String hostIdentity, Timings timings, Clock clock,
            boolean lowerStartPriority) {
        this.processes = processes;
        this.locator = locator;
        this.extractor = extractor;
        this.workDirectories = workDirectories;
        this.runDirectory = runDirectory;
        this.hostIdentity = hostIdentity;
        this.timings = timings;
        this.clock = clock;
        this.lowerStartPriority = lowerStartPriority;
    }

    WorkDirectories workDirectories() {
        return workDirectories;
    }

    /**
     * @param requested the CPU priority to start at, if lowering the priority of starts is on
     * @param warmUp how long the plugin may warm itself up before its handshake
     *     ({@link PluginProcessVariables#WARM_UP_MILLIS}); empty
     *     when callers wait for this start
     * @param spawning told the process before it is started, so that another thread can kill a slow start
     * @throws LaunchException with the reason, without the plugin's key (callers add it)
     */
    RunningPlugin launch(ProviderSettings provider, PluginStore store, InterfaceBinding binding,
            CpuPriority requested, Optional<Duration> warmUp, Consumer<PluginProcess> spawning) throws LaunchException {
        Instant begin = clock.instant();
        CpuPriority priority = lowerStartPriority ? requested : CpuPriority.NORMAL;
        byte[] configuration = resolveConfig(provider);
        PluginLocator.LocatedZip located = locate(provider, store);
        Path directory = null;
        PluginProcess process = null;
        boolean launched = false;
        boolean verifiedZip = false;
        try {
            // the digest re-check (a hash of the whole zip) runs on another core while the zip is unpacked or its
            // kept directory compared with it: both are safe for any zip, and nothing runs before the check passed
            CompletableFuture<Void> verified = verifyInBackground(located, provider);
            ExtractedPlugin extracted = extractor.unpack(located.zip(), provider.name(), provider.version(),
                    workDirectories);
            directory = extracted.directory();
            awaitVerified(verified);
            verifiedZip = true;
            process = processes.apply(new LaunchSpec(provider.interfaceKey(), extracted.entrypoint(),
                    extracted.meta().parameters(), directory, binding.service().handshake(),
                    environment(extracted, warmUp),
                    timings.startTimeout(), runDirectory, priority));
            spawning.accept(process);
            process.start();
            CallWatchdog watchdog = new CallWatchdog(Timings.CALLS_PAST_DEADLINE_TO_RESTART);
            Object gateway = connect(provider, binding, process, directory, configuration, watchdog);
            RunningPlugin running = new RunningPlugin(provider, process, gateway, watchdog, directory,
                    configuration, begin);
            launched = true;
            Duration took = Duration.between(begin, clock.instant());
            LOG.log(System.Logger.Level.INFO, "plugin {0} started (pid {1}) in {2} ms{3}", provider.describe(),
                    process.pid().isPresent() ? String.valueOf(process.pid().getAsLong()) : "?",
                    String.valueOf(took.toMillis()), priority != CpuPriority.NORMAL ? " (booted at a lower CPU priority)"
                            : "");
            ObservedCalls.OBSERVERS.tell(observer -> observer.pluginStarted(provider.interfaceKey(), provider.name(),
                    took));
            workDirectories.removeOthers(provider.name(), directory);
            return running;
        } catch (DiscoveryException | PluginStartException e) {
            throw new LaunchException(e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            // a bug or a refreshed goplugin bundle must fail this start, not leave the plugin starting forever
            throw new LaunchException("starting " + provider.label() + " failed: " + e, e);
        } finally {
            if (!launched) {
                if (process != null) {
                    process.kill();
                }
                if (directory != null) {
                    workDirectories.release(directory);
                    if (!verifiedZip) {
                        // unpacked from a zip that failed its digest check: never leave it for a later start
                        workDirectories.delete(directory);
                    }
                }
            }
        }
    }

    /**
     * Connects a new revision of the interface to a process that is already running (the interface bundle was
     * updated): the plugin is initialised again over its existing channel, the process keeps running.
     */
    RunningPlugin reconnect(RunningPlugin running, InterfaceBinding binding) throws LaunchException {
        try {
            CallWatchdog watchdog = new CallWatchdog(Timings.CALLS_PAST_DEADLINE_TO_RESTART);
            return running.rebound(connect(running.provider(), binding, running.process(), running.directory(),
                    running.configuration(), watchdog), watchdog);
        } catch (RuntimeException | LinkageError e) {
            throw new LaunchException("reconnecting failed: " + e, e);
        }
    }

    private static Map<String, String> environment(ExtractedPlugin extracted, Optional<Duration> warmUp) {
        Map<String, String> environment = new HashMap<>();
        environment.put(PluginProcessVariables.CACHE_DIR, extracted.cache().toString());
        warmUp.ifPresent(budget -> environment.put(PluginProcessVariables.WARM_UP_MILLIS,
                Long.toString(budget.toMillis())));
        return environment;
    }

    /** Resolves the provider's config now (file and env contents can change between starts). */
    static byte[] resolveConfig(ProviderSettings provider) throws LaunchException {
        try {
            return provider.config().resolve();
        } catch (SettingsException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }

    private PluginLocator.LocatedZip locate(ProviderSettings provider, PluginStore store) throws LaunchException {
        try {
            return locator.locate(provider, store);
        } catch (DiscoveryException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }

    private static CompletableFuture<Void> verifyInBackground(PluginLocator.LocatedZip located,
            ProviderSettings provider) {
        if (located.recheckedBy().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> verified = new CompletableFuture<>();
        Thread verifier = new Thread(() -> {
            try {
                located.verify();
                verified.complete(null);
            } catch (DiscoveryException | RuntimeException e) {
                verified.completeExceptionally(e);
            }
        }, "pnode-verify-" + provider.interfaceKey());
        verifier.setDaemon(true);
        verifier.start();
        return verified;
    }

    private static void awaitVerified(CompletableFuture<Void> verified) throws DiscoveryException {
        try {
            verified.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted while checking the plugin zip's digest");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DiscoveryException failure) {
                throw failure;
            }
            throw new DiscoveryException("checking the plugin zip's digest failed: " + e.getCause());
        }
    }

    /**
     * Checks that the plugin started from {@code directory} serves the interface's gRPC services (unless an earlier
     * process from the same directory was found to serve them: {@link KeptServiceCheck}), then lets the interface
     * connect through a channel whose calls {@code watchdog} watches.
     */
    private Object connect(ProviderSettings provider, InterfaceBinding binding, PluginProcess process, Path directory,
            byte[] configuration, CallWatchdog watchdog) throws LaunchException {
        List<String> required = binding.service().grpcServices();
        Path checked = workDirectories.servicesOf(directory);
        if (!KeptServiceCheck.covers(checked, required)) {
            ServiceCheck.Result served = ServiceCheck.check(process.channel(), required, timings.callTimeout());
            if (!served.passed()) {
                throw new LaunchException(provider.label() + " " + served.describe() + ", which plugin interface '"
                        + binding.key() + "' (" + binding.bundleName()
                        + ") needs: is the right plugin configured under '" + binding.key() + "'?");
            }
            Set<String> known = new TreeSet<>(required);
            served.served().ifPresent(known::addAll);
            KeptServiceCheck.remember(checked, known);
        }
        Channel channel = ClientInterceptors.intercept(process.channel(), watchdog,
                new ObservedCalls(provider.interfaceKey(), provider.name()));
        Object gateway;
        try {
            gateway = binding.service().connect(new HostConnection(process, channel, provider.name(),
                    provider.version(), hostIdentity, configuration, timings.callTimeout()));
        } catch (Exception e) {
            throw new LaunchException("interface '" + binding.key() + "' (" + binding.bundleName()
                    + ") could not connect to " + provider.label() + ": " + e.getMessage(), e);
        }
        Class<?> contract = binding.service().contract();
        if (!contract.isInstance(gateway)) {
            throw new LaunchException("interface '" + binding.key() + "' (" + binding.bundleName()
                    + ") returned " + (gateway == null ? "null" : gateway.getClass().getName())
                    + ", not an implementation of " + contract.getName());
        }
        return gateway;
    }

    /** A plugin could not be launched; the message is the reason. */
    static final class LaunchException extends Exception {
        private static final long serialVersionUID = 1L;

        LaunchException(String message) {
            super(message);
        }

        LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
