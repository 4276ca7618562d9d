package dev.pnode.host.manager;

import dev.pnode.api.PluginException;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.api.RestartPolicy;
import dev.pnode.goplugin.CpuPriority;
import dev.pnode.goplugin.PluginProcess;
import dev.pnode.host.manager.PluginLauncher.LaunchException;
import dev.pnode.host.settings.PluginStore;
import dev.pnode.host.settings.ProviderSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The life of the plugin configured under one interface key: start, supervise (exit and health), restart with
 * backoff, reload make-before-break, stop. Every method except {@link #status()}, {@link #provider()},
 * {@link #recentOutput(int)}, {@link #submit}, {@link #execute}, {@link #checkHealthEvery} and {@link #shutDown} runs
 * on this plugin's own supervisor thread, which serializes everything that happens to this plugin and to no other.
 */
final class ManagedPlugin {

    private static final System.Logger LOG = System.getLogger(ManagedPlugin.class.getName());
    private static final Runnable NO_HOLD = () -> { };

    private final String key;
    private final PluginLauncher launcher;
    private final Supervisor supervisor;
    private final Timings timings;
    private final Clock clock;
    private final Runnable onStateChange;
    private Backoff backoff;
    private final List<RunningPlugin> draining = new ArrayList<>();
    /**
     * Taken while a reload runs and until the processes it replaced are gone ({@link
     * PluginProcess#holdChannelPolling()}): the replaced process serves beside its booting replacement, and polling
     * channels would take their cores.
     */
    private Runnable channelPollingHold = NO_HOLD;

    private volatile ProviderSettings provider;
    /** The process being started right now, so that {@link #shutDown} can cut a slow start short. */
    private final AtomicReference<PluginProcess> launching = new AtomicReference<>();
    private volatile boolean shuttingDown;
    private PluginStore store;
    private InterfaceBinding binding;
    /** The contract service under the current binding; calls through it wait while the plugin (re)starts. */
    private ContractService contract;
    /** The last start failed: the next attempts register the contract service only once one succeeds. */
    private boolean lastStartFailed;
    private RunningPlugin current;
    private RunningPlugin detached;
    private ScheduledFuture<?> detachedExpiry;
    private volatile PluginProcess lastProcess;
    private ScheduledFuture<?> pendingRestart;
    private boolean everRunning;
    private int healthFailures;
    /**
     * The priority the next (re)start boots at: {@link CpuPriority#LOW} after a process that stopped answering
     * (health checks, stuck calls) or for a restart that is not the first within the restart window, so that a plugin
     * that keeps failing does not take the CPU from a healthy plugin's restart on a small machine.
     */
    private CpuPriority nextStartPriority = CpuPriority.NORMAL;
    private int restarts;
    private PluginState state = PluginState.STARTING;
    private String lastError;
    private volatile PluginStatus status;

    ManagedPlugin(ProviderSettings provider, PluginStore store, PluginLauncher launcher,
            Supervisor supervisor, Timings timings, Clock clock, Runnable onStateChange) {
        this.key = provider.interfaceKey();
        this.provider = provider;
        this.store = store;
        this.launcher = launcher;
        this.supervisor = supervisor;
        this.timings = timings;
        this.clock = clock;
        this.onStateChange = onStateChange;
        this.backoff = timings.restartBackoff(restartPolicy(provider));
        publishStatus();
    }

    String key() {
        return key;
    }

    /** Runs the task on this plugin's supervisor thread. */
    void execute(Runnable task) {
        supervisor.execute(task);
    }

    /** Runs the task on this plugin's supervisor thread; the future says how it went. */
    <T> CompletableFuture<T> submit(Callable<T> task) {
        return supervisor.submit(task);
    }

    /** Health-checks the running process at this interval, on this plugin's own thread. */
    void checkHealthEvery(Duration interval) {
        supervisor.scheduleRepeatedly(this::checkHealth, interval);
    }

    /**
     * Stops the plugin for good, from any thread: a start in progress is cut short at once (its process killed), so a
     * plugin hung in its handshake does not hold the node's stop up for its start timeout; then {@link #stop} runs on
     * the plugin's thread and the thread ends. Completes when the plugin is stopped.
     */
    CompletableFuture<Void> shutDown(String reason) {
        shuttingDown = true;
        PluginProcess starting = launching.get();
        if (starting != null) {
            Thread killer = new Thread(starting::kill, "pnode-plugin-" + key + "-abort-start");
            killer.setDaemon(true);
            killer.start();
        }
        CompletableFuture<Void> stopped = supervisor.submit(() -> {
            stop(reason);
            return null;
        });
        supervisor.shutdownWhenIdle();
        return stopped;
    }

    /** Interrupts whatever this plugin's thread still does (a stop that ran past its bound). */
    void abandon() {
        supervisor.shutdownNow();
    }

    ProviderSettings provider() {
        return provider;
    }

    /** A snapshot, safe to read from any thread. */
    PluginStatus status() {
        return status;
    }

    List<String> recentOutput(int maxLines) {
        PluginProcess process = lastProcess;
        return process == null ? List.of() : process.recentOutput(maxLines);
    }

    /**
     * The interface bundle registered: take over the process kept from its previous revision, or start the plugin.
     */
    void bind(InterfaceBinding newBinding) {
        binding = newBinding;
        contract = new ContractService(newBinding, timings.callTimeout());
        if (detached != null) {
            rebind();
        } else if (current == null && pendingRestart == null) {
            start();
        }
    }

    /**
     * The interface bundle went away: its contract service goes at once, but the process is kept for a while, so
     * that an updated revision of the bundle can take it over without a restart.
     */
    void unbind(InterfaceBinding oldBinding) {
        if (binding != oldBinding) {
            return;
        }
        binding = null;
        contract.withdraw();
        contract = null;
        cancelPendingRestart();
        if (current != null) {
            RunningPlugin kept = current;
            current = null;
            detached = kept;
            detachedExpiry = supervisor.schedule(() -> expire(kept), timings.rebindGrace());
            LOG.log(System.Logger.Level.INFO, "plugin {0}: interface bundle {1} went away; keeping the process {2} s"
                    + " for a new revision", key, oldBinding.bundleName(),
                    String.valueOf(timings.rebindGrace().toSeconds()));
        }
        setState(PluginState.STARTING, "waiting for a bundle providing plugin interface '" + key + "'");
    }

    /** No interface bundle appeared in time: report it (it still starts if one appears later). */
    void interfaceMissing(String message) {
        if (binding == null && state == PluginState.STARTING) {
            setState(PluginState.FAILED, message);
        }
    }

    /** The provider's own restart policy, or the host's default. */
    private RestartPolicy restartPolicy(ProviderSettings settings) {
        return settings.restart().orElseGet(timings::defaultRestartPolicy);
    }

    /**
     * Takes over settings that need no new process (restart policy, optional) from a provider that {@link #runs}.
     *
     * @return whether the restart policy changed
     */
    boolean adopt(ProviderSettings candidate) {
        boolean policyChanged = !restartPolicy(candidate).equals(restartPolicy(provider));
        usePolicyOf(candidate);
        provider = candidate;
        publishStatus();
        return policyChanged;
    }

    /** A changed policy starts counting restarts afresh. */
    private void usePolicyOf(ProviderSettings candidate) {
        if (!restartPolicy(candidate).equals(restartPolicy(provider))) {
            backoff = timings.restartBackoff(restartPolicy(candidate));
            LOG.log(System.Logger.Level.INFO, "plugin {0}: restart policy now {1}", key,
                    restartPolicy(candidate).describe());
        }
    }

    /** Whether the running process was started from exactly these settings (same plugin, version, config). */
    boolean runs(ProviderSettings candidate) throws LaunchException {
        return current != null && current.runs(candidate, PluginLauncher.resolveConfig(candidate));
    }

    /**
     * Starts a new process from the given settings, shifts the calls to it gradually ({@link GradualShift}) and
     * switches the contract service over to it before the old process is stopped (after a drain grace, so calls it is
     * serving finish). On failure, also of the new process during the shift, the old one keeps serving.
     */
    void reload(ProviderSettings newProvider, PluginStore newStore) throws PluginException {
        if (binding == null) {
            throw new PluginException("plugin " + key + ": no bundle provides plugin interface '" + key + "'");
        }
        if (current != null && channelPollingHold == NO_HOLD) {
            channelPollingHold = PluginProcess.holdChannelPolling();
        }
        try {
            replaceWith(newProvider, newStore);
        } finally {
            releaseChannelPollingUnlessDraining();
        }
    }

    private void replaceWith(ProviderSettings newProvider, PluginStore newStore) throws PluginException {
        RunningPlugin replacement;
        try {
            replacement = launch(newProvider, newStore, replacementPriority(), replacementWarmUp());
        } catch (LaunchException e) {
            if (current == null) {
                setState(PluginState.FAILED, e.getMessage());
            }
            throw new PluginException("plugin " + key + ": reload failed, "
                    + (current == null ? "nothing is running" : "the running " + current.provider().label()
                    + " keeps serving") + ": " + e.getMessage(), e);
        }
        replacement.process().runAtNormalPriority(); // from now on callers wait on it
        if (current != null) {
            shiftCallsTo(replacement);
        }
        cancelPendingRestart(); // only now: a failed reload must not cancel the restart of a crashed plugin
        usePolicyOf(newProvider);
        provider = newProvider;
        store = newStore;
        RunningPlugin old = current;
        try {
            install(watched(replacement));
        } catch (LaunchException e) {
            replacement.destroy(launcher.workDirectories());
            throw new PluginException("plugin " + key + ": reload failed: " + e.getMessage(), e);
        }
        if (old != null) {
            draining.add(old);
            supervisor.schedule(() -> finishDraining(old), timings.drainGrace());
        }
        LOG.log(System.Logger.Level.INFO, "plugin {0} reloaded{1}", newProvider.describe(), old == null ? ""
                : "; the replaced process stops in " + timings.drainGrace().toMillis() + " ms");
    }

    /**
     * The replacement takes a growing share of the calls beside the running process until it is warm
     * ({@link GradualShift}).
     *
     * @throws PluginException when it exited meanwhile (the running process keeps serving) or the wait was interrupted
     */
    private void shiftCallsTo(RunningPlugin replacement) throws PluginException {
        PluginProcess process = replacement.process();
        try {
            contract.shiftTo(replacement.gateway(), GradualShift.LIMIT, () -> process.exited().isDone());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            replacement.destroy(launcher.workDirectories());
            throw new PluginException("plugin " + key + ": reload interrupted while its replacement took its first"
                    + " calls; the running " + current.provider().label() + " keeps serving", e);
        }
        if (process.exited().isDone()) {
            String reason = process.exited().join();
            replacement.destroy(launcher.workDirectories());
            throw new PluginException("plugin " + key + ": reload failed, the new process " + reason + " while taking"
                    + " its first calls; the running " + current.provider().label() + " keeps serving");
        }
    }

    /**
     * Fresh settings for this plugin, already configured: a running process started from the same plugin, version
     * and config takes what needs no restart, anything else is reloaded (or started).
     *
     * @return what happened, for {@code reloadAll()}; null when nothing did
     */
    String apply(ProviderSettings candidate, PluginStore fresh) {
        boolean wasRunning = state == PluginState.RUNNING;
        try {
            if (wasRunning && runs(candidate)) {
                return adopt(candidate) ? "restart policy changed" : null;
            }
            reload(candidate, fresh);
            return wasRunning ? "reloaded" : "started";
        } catch (PluginException | LaunchException e) {
            return e.getMessage();
        }
    }

    /** How the first start of a newly configured plugin went, for {@code reloadAll()}. */
    String describeStart() {
        return state == PluginState.RUNNING ? "started"
                : "not started: " + Optional.ofNullable(lastError).orElse("waiting for its plugin interface");
    }

    /** @throws PluginException with the last error unless the plugin runs now */
    void failIfNotRunning() throws PluginException {
        if (state != PluginState.RUNNING) {
            throw new PluginException("plugin " + key + ": " + Optional.ofNullable(lastError).orElse("did not start"));
        }
    }

    /**
     * While the old process serves, nobody waits for its replacement: it boots in the background, so that its start
     * (a JVM start costs a second or more of CPU) does not take the CPU from the calls being served. With nothing
     * running, callers wait for it: a fresh chance at full speed.
     */
    private CpuPriority replacementPriority() {
        return current == null ? CpuPriority.NORMAL : CpuPriority.BACKGROUND;
    }

    /** Likewise, only a replacement gets time to warm itself up before the host calls it. */
    private Optional<Duration> replacementWarmUp() {
        return current == null ? Optional.empty() : Optional.of(Timings.REPLACEMENT_WARM_UP);
    }

    /** Stops the plugin on purpose (node stopping, provider removed, interface gone). */
    void stop(String reason) {
        cancelPendingRestart();
        if (contract != null) {
            contract.withdraw();
        }
        boolean wasRunning = current != null;
        if (current != null) {
            current.destroy(launcher.workDirectories());
            current = null;
        }
        List.copyOf(draining).forEach(this::finishDraining);
        if (detached != null) {
            expire(detached);
        }
        if (wasRunning) {
            LOG.log(System.Logger.Level.INFO, "plugin {0} stopped: {1}", provider.describe(), reason);
        }
        setState(PluginState.STOPPED, lastError);
    }

    /** Health-checks the running process; a process failing twice in a row is killed and restarted. */
    void checkHealth() {
        if (current == null || state != PluginState.RUNNING) {
            return;
        }
        if (current.process().isHealthy(timings.healthTimeout())) {
            healthFailures = 0;
            return;
        }
        healthFailures++;
        LOG.log(System.Logger.Level.WARNING, "plugin {0}: health check failed ({1} in a row)", key, healthFailures);
        String plugin = current.provider().name();
        ObservedCalls.OBSERVERS.tell(observer -> observer.pluginHealthCheckFailed(key, plugin));
        if (healthFailures >= Timings.HEALTH_FAILURES_TO_RESTART) {
            fail(healthFailures + " health checks in a row failed", true);
        }
    }

    private void start() {
        if (shuttingDown) {
            return;
        }
        cancelPendingRestart();
        setState(PluginState.STARTING, lastError);
        try {
            if (!lastStartFailed) {
                contract.open(provider);
            }
            RunningPlugin launched = watched(launch(provider, store, nextStartPriority, Optional.empty()));
            try {
                install(launched);
            } catch (LaunchException e) {
                launched.destroy(launcher.workDirectories());
                throw e;
            }
        } catch (LaunchException e) {
            if (shuttingDown) {
                LOG.log(System.Logger.Level.INFO, "plugin {0}: start abandoned, the plugin is being stopped", key);
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "plugin {0}: {1}", key, e.getMessage());
            // a plugin that cannot start (missing zip, bad config, no handshake) is no restart worth waiting for:
            // calls fail at once until a start succeeds
            lastStartFailed = true;
            contract.withdraw();
            if (everRunning || provider.optional()) {
                lastError = e.getMessage();
                scheduleRestart(false);
            } else {
                setState(PluginState.FAILED, e.getMessage());
            }
        }
    }



    private RunningPlugin launch(ProviderSettings withProvider, PluginStore withStore, CpuPriority priority,
            Optional<Duration> warmUp) throws LaunchException {
        try {
            return launcher.launch(withProvider, withStore, binding, priority, warmUp, launching::set);
        } finally {
            launching.set(null);
        }
    }

    /** From now on {@code running} serves the contract. */
    private void install(RunningPlugin running) throws LaunchException {
        try {
            contract.serve(running.gateway(), running.provider());
        } catch (RuntimeException e) {
            throw new LaunchException("registering its contract service failed: " + e.getMessage(), e);
        }
        lastStartFailed = false;
        PluginProcess process = running.process();
        running.watchdog().whenStuck(() -> supervisor.execute(() -> stuck(process)));
        current = running;
        lastProcess = running.process();
        everRunning = true;
        healthFailures = 0;
        setState(PluginState.RUNNING, lastError);
    }

    /**
     * Watches a freshly launched process: at its exit, calls wait for the next process at once (from the thread that
     * saw the exit), and the exit is handled on the plugin's supervisor thread.
     */
    private RunningPlugin watched(RunningPlugin running) {
        PluginProcess process = running.process();
        ContractService served = contract;
        process.exited().thenAccept(reason -> {
            served.pause(running.gateway());
            supervisor.execute(() -> exited(process, reason));
        });
        return running;
    }

    private void exited(PluginProcess process, String reason) {
        if (current != null && current.process() == process) {
            fail("process exited unexpectedly: " + reason, false);
        } else if (detached != null && detached.process() == process) {
            lastError = "process exited while its interface bundle was away: " + reason;
            expire(detached);
        }
        // otherwise a replaced or deliberately stopped process
    }

    private void stuck(PluginProcess process) {
        if (current != null && current.process() == process) {
            fail(Timings.CALLS_PAST_DEADLINE_TO_RESTART + " calls in a row ran past their deadline of "
                    + timings.callTimeout().toMillis() + " ms: the plugin is stuck (deadlocked or busy)", true);
        }
    }

    /** A new revision of the interface bundle takes over the kept process; if that fails, a fresh start. */
    private void rebind() {
        RunningPlugin kept = detached;
        detached = null;
        cancel(detachedExpiry);
        try {
            RunningPlugin rebound = launcher.reconnect(kept, binding);
            install(rebound);
            kept.closeGateway();
            LOG.log(System.Logger.Level.INFO, "plugin {0} now served through {1} without a restart", key,
                    binding.bundleName());
        } catch (LaunchException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "plugin {0}: the new interface revision could not take over the"
                    + " running process ({1}); starting it again", key, e.getMessage());
            kept.destroy(launcher.workDirectories());
            start();
        }
    }

    /** The interface did not come back in time (or the node stops): the kept process is stopped. */
    private void expire(RunningPlugin kept) {
        if (detached != kept) {
            return;
        }
        detached = null;
        cancel(detachedExpiry);
        kept.destroy(launcher.workDirectories());
        LOG.log(System.Logger.Level.INFO, "plugin {0} stopped: its interface bundle did not come back", key);
    }

    /**
     * The running process is broken: calls wait for its replacement, which is started now or after a backoff.
     *
     * @param unresponsive whether it stopped answering (frozen, stuck) rather than exited
     */
    private void fail(String reason, boolean unresponsive) {
        LOG.log(System.Logger.Level.ERROR, "plugin {0}: {1}", provider.describe(), reason);
        RunningPlugin broken = current;
        current = null;
        contract.pause(broken.gateway());
        broken.destroy(launcher.workDirectories());
        lastError = reason;
        scheduleRestart(unresponsive);
    }

    /** @param unresponsive whether the last process stopped answering rather than exited or failed to start */
    private void scheduleRestart(boolean unresponsive) {
        if (shuttingDown) {
            return;
        }
        Optional<Duration> delay = backoff.next(clock.instant())
                .or(() -> provider.optional() ? Optional.of(restartPolicy(provider).maxBackoff()) : Optional.empty());
        nextStartPriority = unresponsive || delay.map(wait -> !wait.isZero()).orElse(false) ? CpuPriority.LOW
                : CpuPriority.NORMAL;
        if (delay.isEmpty()) {
            withdrawContract();
            setState(PluginState.FAILED, "gave up after " + backoff.describeLimit() + "; last error: " + lastError);
            LOG.log(System.Logger.Level.ERROR, "plugin {0}: {1}", key, status.lastError().orElse(""));
            return;
        }
        if (delay.get().isZero() && binding != null) {
            // a first crash: straight back to STARTING, never FAILED, so readiness and callers see a restart
            LOG.log(System.Logger.Level.INFO, "plugin {0}: restarting now", key);
            restarts++;
            start();
            return;
        }
        if (delay.get().compareTo(timings.callTimeout()) >= 0) {
            withdrawContract(); // a call could not wait that long: it fails at once, saying why
        }
        setState(PluginState.FAILED, lastError);
        LOG.log(System.Logger.Level.INFO, "plugin {0}: restarting in {1} ms", key,
                String.valueOf(delay.get().toMillis()));
        pendingRestart = supervisor.schedule(() -> {
            pendingRestart = null;
            if (binding != null && current == null) {
                restarts++;
                start();
            }
        }, delay.get());
    }

    private void withdrawContract() {
        if (contract != null) {
            contract.withdraw();
        }
    }

    private void cancelPendingRestart() {
        cancel(pendingRestart);
        pendingRestart = null;
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void finishDraining(RunningPlugin old) {
        if (draining.remove(old)) {
            old.destroy(launcher.workDirectories());
        }
        releaseChannelPollingUnlessDraining();
    }

    private void releaseChannelPollingUnlessDraining() {
        if (draining.isEmpty()) {
            channelPollingHold.run();
            channelPollingHold = NO_HOLD;
        }
    }

    private void setState(PluginState newState, String error) {
        state = newState;
        lastError = error;
        publishStatus();
        onStateChange.run();
    }

    private void publishStatus() {
        RunningPlugin running = current;
        status = new PluginStatus(key, provider.name(), provider.version(), state,
                running == null ? OptionalLong.empty() : running.process().pid(),
                running == null ? Optional.empty() : Optional.of(running.startedAt()), restarts,
                Optional.ofNullable(lastError), restartPolicy(provider), provider.optional());
    }
}
