package dev.pnode.goplugin;

import dev.pnode.api.GrpcBroker;
import dev.pnode.proto.goplugin.Empty;
import dev.pnode.proto.goplugin.GRPCControllerGrpc;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeException;
import dev.pnode.wire.HandshakeLine;
import dev.pnode.wire.PluginStartException;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * go-plugin's {@code Client} in Java: owns one plugin process from start to kill. The operating-system side is a
 * {@link PluginRunner} (go-plugin's {@code cmdrunner}), the output an {@link OutputPumps}; this object connects
 * ({@link PluginChannel}), health-checks, offers the broker and tears everything down.
 *
 * <p>One lock (this object's monitor) guards the state, and is never held while waiting for the plugin. Every
 * resource the start makes (runner, channel, broker) is {@linkplain #register registered} the moment it exists; a
 * kill from another thread releases what is registered, and a resource made after the kill began is released by the
 * start itself. So a kill during a slow start leaves nothing behind, and a failed start never leaves netty
 * reconnecting to a dead plugin. {@link #kill()} is the one place that tears the registered resources down.
 */
final class GoPluginProcess implements PluginProcess {

    static final Duration SHUTDOWN_RPC_DEADLINE = Duration.ofSeconds(1);
    /** The least time the first health check gets, even if the handshake used up most of the start timeout. */
    static final Duration MIN_HEALTH_DEADLINE = Duration.ofSeconds(3);
    static final String HEALTH_SERVICE = "plugin";
    private static final int OUTPUT_LINES_IN_ERRORS = 10;
    /** The part of its start timeout a lowered start yields the CPU for at most: a third. */
    static final int LOW_PRIORITY_SHARE_OF_START = 3;

    private static final Logger LOG = System.getLogger(GoPluginProcess.class.getName());
    /** Gives lowered starts their priority back once their share of the start timeout passed; idle, no thread. */
    private static final ScheduledThreadPoolExecutor PRIORITY_DEADLINES = priorityDeadlines();

    private final LaunchSpec spec;
    private final String name;
    private final PluginOutput output;
    private final CompletableFuture<HandshakeLine> handshake = new CompletableFuture<>();
    private final CompletableFuture<String> exited = new CompletableFuture<>();
    private final CompletableFuture<Void> killFinished = new CompletableFuture<>();

    // guarded by this
    /** The one start's outcome; later calls of start() wait for it. Null until start() is first called. */
    private CompletableFuture<Void> started;
    private boolean killRequested;
    /** Set when kill() found the process alive and began stopping it, so its exit is not reported as a crash. */
    private boolean stoppedByHost;
    private PluginRunner runner;
    private PluginChannel channel;
    private HandshakeLine connectedTo;
    private PluginBroker broker;
    /** The plugin answered its first health check, so it can be asked to shut down over gRPC. */
    private boolean answered;
    /** Ends a lowered start's lowering if nobody did before; cancelled when somebody does. */
    private ScheduledFuture<?> priorityDeadline;
    /** The process runs at the host's priority again (or never ran lower): nothing left to restore. */
    private boolean normalPriority;

    GoPluginProcess(LaunchSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(spec.pluginLabel(), "pluginLabel");
        Objects.requireNonNull(spec.executable(), "executable");
        Objects.requireNonNull(spec.handshake(), "handshake");
        Objects.requireNonNull(spec.startTimeout(), "startTimeout");
        Objects.requireNonNull(spec.runDirectory(), "runDirectory");
        this.name = "plugin " + spec.pluginLabel();
        this.output = PluginOutput.forPlugin(spec.pluginLabel());
    }

    @Override
    public void start() throws PluginStartException {
        CompletableFuture<Void> attempt;
        boolean first;
        synchronized (this) {
            if (started == null && killRequested) {
                throw killedWhileStarting();
            }
            first = started == null;
            if (first) {
                started = new CompletableFuture<>();
            }
            attempt = started;
        }
        if (first) {
            try {
                launch();
                attempt.complete(null);
            } catch (PluginStartException e) {
                throw reportFailure(attempt, e);
            } catch (RuntimeException e) {
                throw reportFailure(attempt, new PluginStartException(name + " could not be started: " + e, e));
            } finally {
                // an Error went past the catches: later calls must not wait for this start forever
                attempt.completeExceptionally(new PluginStartException(name + " could not be started"));
            }
        } else {
            try {
                attempt.join();
            } catch (CompletionException e) {
                throw new PluginStartException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private PluginStartException reportFailure(CompletableFuture<Void> attempt, PluginStartException failure) {
        boolean killedFromOutside;
        synchronized (this) {
            killedFromOutside = killRequested;
        }
        kill();
        PluginStartException reported = killedFromOutside ? killedWhileStarting(failure) : failure;
        attempt.completeExceptionally(reported);
        return reported;
    }

    @Override
    public synchronized ManagedChannel channel() {
        if (started == null || !started.isDone() || started.isCompletedExceptionally()) {
            throw new IllegalStateException(name + " has no channel: it is not started (call start() first)");
        }
        return channel.channel();
    }

    private void launch() throws PluginStartException {
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        EphemeralCertificate identity = HostIdentities.take();
        PluginRunner spawned = PluginRunner.start(spec, identity);
        register(() -> runner = spawned, spawned::killNow);
        spawned.exitStatus().thenAccept(this::onExit);
        OutputPumps pumps = OutputPumps.start(spec.pluginLabel(), output, handshake, spawned.process());
        CompletableFuture<Void> warmUp = ChannelWarmUp.NODE.startOnce(() -> identity); // unless started earlier

        if (spec.priority() != CpuPriority.NORMAL) {
            // a lowered start yields for a third of its start timeout at most, so a busy machine cannot starve it
            ScheduledFuture<?> restore = PRIORITY_DEADLINES.schedule(this::runAtNormalPriority,
                    spec.startTimeout().dividedBy(LOW_PRIORITY_SHARE_OF_START).toNanos(), TimeUnit.NANOSECONDS);
            synchronized (this) {
                priorityDeadline = restore;
            }
        }
        HandshakeLine line = awaitHandshake(spawned, pumps, remaining(deadline));
        if (spec.priority() == CpuPriority.LOW) {
            runAtNormalPriority(); // booted: it serves at the host's priority
        }
        try {
            line.requireCompatible(spec.handshake());
        } catch (HandshakeException e) {
            throw new HandshakeException(name + ": " + e.getMessage());
        }
        ChannelWarmUp.awaitAtMost(warmUp, remaining(deadline));
        PluginChannel connected;
        try {
            connected = PluginChannel.connect(spec.pluginLabel(), line, identity);
        } catch (SSLException e) {
            throw new PluginStartException(name + ": cannot set up TLS with its certificate: " + e.getMessage(), e);
        }
        register(() -> {
            channel = connected;
            connectedTo = line;
        }, connected::close);
        awaitConnected(connected.channel(), remaining(deadline));
        requireServing(connected.channel(), line, max(remaining(deadline), MIN_HEALTH_DEADLINE));
        PluginBroker opened = PluginBroker.open(spec.pluginLabel(), connected.channel(), spawned.socketDirectory(),
                identity, line.serverCertificate());
        register(() -> {
            answered = true;
            broker = opened;
        }, opened::close);
        pumps.followGrpcStdio(connected.channel());
        ChannelWarmUp.NODE.handshakesOnce(identity, ChannelWarmUp.HANDSHAKES_DELAY); // unless scheduled before
        LOG.log(Level.INFO, "{0} started: pid {1}, {2} {3}, {4}", name, Long.toString(spawned.pid()), line.network(),
                line.address(), line.serverCertificate().isPresent() ? "mutual TLS" : "plaintext");
    }

    /**
     * Records a resource the start just made ({@code record} runs under the lock), unless a kill came first: then
     * the resource is released at once and the start fails.
     */
    private void register(Runnable record, Runnable release) throws PluginStartException {
        synchronized (this) {
            if (!killRequested) {
                record.run();
                return;
            }
        }
        release.run();
        throw killedWhileStarting();
    }

    @Override
    public void runAtNormalPriority() {
        PluginRunner spawned;
        synchronized (this) {
            if (normalPriority || spec.priority() == CpuPriority.NORMAL || runner == null) {
                return;
            }
            normalPriority = true;
            spawned = runner;
            cancelPriorityDeadline();
        }
        if (spawned.isAlive()) {
            ProcessTether.restoreNormalPriority(spawned.pid());
        }
    }

    /** Whether a lowered start still waits for its deadline to get its priority back. */
    synchronized boolean awaitsPriorityDeadline() {
        return priorityDeadline != null;
    }

    // guarded by this
    private void cancelPriorityDeadline() {
        if (priorityDeadline != null) {
            priorityDeadline.cancel(false);
            priorityDeadline = null;
        }
    }

    private static ScheduledThreadPoolExecutor priorityDeadlines() {
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "pnode-plugin-priority-deadline");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        deadlines.setKeepAliveTime(1, TimeUnit.SECONDS);
        deadlines.allowCoreThreadTimeOut(true);
        return deadlines;
    }

    private HandshakeLine awaitHandshake(PluginRunner spawned, OutputPumps pumps, Duration timeout)
            throws PluginStartException {
        try {
            return handshake.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PluginStartException(name + " printed no handshake line within "
                    + spec.startTimeout().toMillis() + " ms" + lastOutput());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginStartException(name + ": interrupted while waiting for its handshake line", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HandshakeException bad) {
                throw new HandshakeException(name + " sent an unusable handshake line: " + bad.getMessage());
            }
            synchronized (this) {
                if (killRequested) {
                    throw killedWhileStarting();
                }
            }
            String exit = spawned.exitDescription();
            pumps.drain(PluginRunner.GRACE_PERIOD);
            throw new PluginStartException(name + " " + exit + " before printing its handshake line" + lastOutput());
        }
    }

    /** Its first call, the health check, says why if it did not connect. */
    private void awaitConnected(ManagedChannel connecting, Duration limit) throws PluginStartException {
        try {
            ChannelReadiness.awaitReady(connecting, limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginStartException(name + ": interrupted while connecting to it", e);
        }
    }

    private void requireServing(ManagedChannel connected, HandshakeLine line, Duration deadline)
            throws PluginStartException {
        String where = line.network() + " " + line.address()
                + (line.serverCertificate().isPresent() ? " with mutual TLS" : " without TLS");
        try {
            ServingStatus status = health(connected, deadline);
            if (status != ServingStatus.SERVING) {
                throw new PluginStartException(name + " is not serving: its health service \"" + HEALTH_SERVICE
                        + "\" at " + where + " answered " + status);
            }
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            // the cause (e.g. the TLS failure) says more than netty's description with its pipeline dump
            String reason = status.getCode() + (status.getCause() != null ? " " + status.getCause()
                    : status.getDescription() != null ? " " + status.getDescription() : "");
            throw new PluginStartException(name + ": no answer from its gRPC health service at " + where + ": "
                    + reason + lastOutput(), e);
        }
    }

    private static ServingStatus health(ManagedChannel connected, Duration deadline) {
        return HealthGrpc.newBlockingStub(connected)
                .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .check(HealthCheckRequest.newBuilder().setService(HEALTH_SERVICE).build())
                .getStatus();
    }

    private void onExit(int status) {
        boolean byHost;
        PluginRunner ended;
        PluginBroker brokerOfProcess;
        synchronized (this) {
            byHost = stoppedByHost;
            ended = runner;
            brokerOfProcess = broker;
        }
        String reason = byHost ? "killed by host" : PluginRunner.exitReason(status);
        if (brokerOfProcess != null) {
            brokerOfProcess.processExited(reason);
        }
        if (!byHost) {
            LOG.log(Level.WARNING, "{0} {1}{2}", name, reason, lastOutput());
            // nothing is left to reap but the plugin's own children; the channel stays until the owner calls kill()
            ended.release();
        }
        handshake.completeExceptionally(new PluginStartException(name + " " + reason));
        exited.complete(reason);
    }

    @Override
    public synchronized OptionalLong pid() {
        return runner == null ? OptionalLong.empty() : OptionalLong.of(runner.pid());
    }

    @Override
    public CompletableFuture<String> exited() {
        return exited;
    }

    @Override
    public boolean isHealthy(Duration timeout) {
        ManagedChannel connected;
        synchronized (this) {
            if (channel == null || killRequested) {
                return false;
            }
            connected = channel.channel();
        }
        try {
            return health(connected, timeout) == ServingStatus.SERVING;
        } catch (StatusRuntimeException e) {
            LOG.log(Level.DEBUG, "{0} failed its health check: {1}", name, e.getStatus());
            return false;
        }
    }

    @Override
    public synchronized GrpcBroker broker() {
        if (broker == null) {
            throw new IllegalStateException(name + " has no broker: it is not started (call start() first)");
        }
        return broker;
    }

    @Override
    public List<String> recentOutput(int maxLines) {
        return output.recent(maxLines);
    }

    /**
     * Tears down what the start registered, as go-plugin's {@code Kill} does: the broker, then the process (asked
     * over gRPC when it ever answered, then SIGTERM, then SIGKILL), then the channel, the process's files and a
     * socket it left outside its directory.
     */
    @Override
    public void kill() {
        boolean first;
        PluginRunner running;
        PluginChannel connected;
        PluginBroker brokered;
        boolean askFirst;
        HandshakeLine address;
        synchronized (this) {
            first = !killRequested;
            killRequested = true;
            cancelPriorityDeadline();
            askFirst = answered;
            running = runner;
            stoppedByHost = first && running != null && running.isAlive();
            connected = channel;
            brokered = broker;
            address = connectedTo;
        }
        if (!first) {
            killFinished.join();
            return;
        }
        handshake.completeExceptionally(killedWhileStarting());
        try {
            // go-plugin's client closes its broker before asking the plugin to shut down
            if (brokered != null) {
                brokered.close();
            }
            if (running != null) {
                running.stop(askFirst && connected != null ? () -> requestShutdown(connected.channel()) : null);
            }
        } finally {
            try {
                if (connected != null) {
                    connected.close();
                }
                if (running != null) {
                    running.release();
                }
                if (address != null && address.network().equals(HandshakeLine.NETWORK_UNIX)) {
                    SocketDirectory.deleteStraySocket(name, Path.of(address.address()));
                }
            } finally {
                exited.complete(running == null ? "never started" : exitedReason(running));
                killFinished.complete(null);
            }
        }
    }

    private synchronized String exitedReason(PluginRunner ended) {
        return stoppedByHost || ended.isAlive() ? "killed by host"
                : PluginRunner.exitReason(ended.process().exitValue());
    }

    private void requestShutdown(ManagedChannel connected) {
        try {
            GRPCControllerGrpc.newBlockingStub(connected)
                    .withDeadlineAfter(SHUTDOWN_RPC_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .shutdown(Empty.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            // go-plugin stops its server before replying, so UNAVAILABLE is the usual answer
            LOG.log(Level.DEBUG, "{0}: Shutdown call ended with {1}", name, e.getStatus());
        }
    }

    private String lastOutput() {
        List<String> lines = output.recent(OUTPUT_LINES_IN_ERRORS);
        if (lines.isEmpty()) {
            return "; it printed nothing";
        }
        return "; its last output:\n  " + String.join("\n  ", lines);
    }

    private PluginStartException killedWhileStarting() {
        return killedWhileStarting(null);
    }

    private PluginStartException killedWhileStarting(Throwable cause) {
        return new PluginStartException(name + " was killed while starting or before; create a new PluginProcess "
                + "to start it again", cause);
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
