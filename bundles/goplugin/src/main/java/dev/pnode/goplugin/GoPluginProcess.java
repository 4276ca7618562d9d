package dev.pnode.goplugin;

import dev.pnode.proto.goplugin.Empty;
import dev.pnode.proto.goplugin.GRPCControllerGrpc;
import dev.pnode.proto.goplugin.GRPCStdioGrpc;
import dev.pnode.proto.goplugin.StdioData;
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
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;

/**
 * go-plugin's {@code Client} in Java: owns one plugin process from start to kill.
 *
 * <p>Every resource (socket directory, process, pid record, channel) is registered under this object's lock the
 * moment it exists, and {@link #kill()} tears down whatever is registered; a resource created after a kill began
 * is torn down by {@link #start()} itself. So a kill from another thread during a slow start leaves nothing
 * behind, and a failed start never leaves netty reconnecting to a dead plugin.
 */
final class GoPluginProcess implements PluginProcess {

    static final Duration SHUTDOWN_RPC_DEADLINE = Duration.ofSeconds(1);
    static final Duration GRACE_PERIOD = Duration.ofSeconds(2);
    /** The least time the first health check gets, even if the handshake used up most of the start timeout. */
    static final Duration MIN_HEALTH_DEADLINE = Duration.ofSeconds(3);
    static final String HEALTH_SERVICE = "plugin";
    private static final int OUTPUT_LINES_IN_ERRORS = 10;
    /** The part of its start timeout a {@link CpuPriority#LOW} start yields the CPU for at most: a third. */
    static final int LOW_PRIORITY_SHARE_OF_START = 3;

    private static final Logger LOG = System.getLogger(GoPluginProcess.class.getName());

    private final LaunchSpec spec;
    private final String name;
    private final PluginOutput output;
    private final CompletableFuture<HandshakeLine> handshake = new CompletableFuture<>();
    private final CompletableFuture<String> exited = new CompletableFuture<>();
    private final CompletableFuture<Void> killFinished = new CompletableFuture<>();
    private final ReentrantLock startLock = new ReentrantLock();
    private final List<Thread> pumps = new ArrayList<>();

    // guarded by this
    private boolean killRequested;
    /** Set when kill() found the process alive and began stopping it, so its exit is not reported as a crash. */
    private boolean stoppedByHost;
    private Path socketDirectory;
    private Process process;
    private ProcessTether.Tethered tethered;
    private Path pidRecord;
    private PluginChannel channel;
    private PluginBroker broker;
    private HandshakeLine connectedTo;
    /** The plugin answered its first health check, so it can be asked to shut down over gRPC. */
    private boolean answered;
    private PluginStartException startFailure;

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
    public ManagedChannel start() throws PluginStartException {
        startLock.lock();
        try {
            synchronized (this) {
                if (channel != null) {
                    return channel.channel();
                }
                if (startFailure != null) {
                    throw new PluginStartException(startFailure.getMessage(), startFailure);
                }
                if (killRequested) {
                    throw killedWhileStarting();
                }
            }
            try {
                return launch();
            } catch (PluginStartException e) {
                throw failed(e);
            } catch (IOException | RuntimeException e) {
                throw failed(new PluginStartException(name + " could not be started: " + e, e));
            }
        } finally {
            startLock.unlock();
        }
    }

    private PluginStartException failed(PluginStartException failure) {
        boolean killedFromOutside;
        synchronized (this) {
            killedFromOutside = killRequested;
        }
        kill();
        PluginStartException reported = killedFromOutside ? killedWhileStarting(failure) : failure;
        synchronized (this) {
            startFailure = reported;
        }
        return reported;
    }

    private ManagedChannel launch() throws PluginStartException, IOException {
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        EphemeralCertificate identity = HostIdentities.take();
        Path directory = SocketDirectory.create();
        synchronized (this) {
            if (killRequested) {
                SocketDirectory.delete(directory);
                throw killedWhileStarting();
            }
            socketDirectory = directory;
        }
        ProcessTether.Tethered spawned = spawn(identity, directory);
        Process started = spawned.process();
        Path record;
        try {
            record = PidRecord.of(started.toHandle(), spec.pluginLabel(), directory).write(spec.runDirectory());
        } catch (IOException e) {
            started.destroyForcibly();
            spawned.killGroup();
            throw new PluginStartException(name + ": cannot record its pid in " + spec.runDirectory() + ": " + e, e);
        }
        synchronized (this) {
            if (killRequested) {
                started.destroyForcibly();
                spawned.killGroup();
                Files.deleteIfExists(record);
                throw killedWhileStarting();
            }
            process = started;
            tethered = spawned;
            pidRecord = record;
        }
        started.onExit().thenAccept(this::onExit);
        startPumps(started);

        HandshakeLine line = spec.priority() == CpuPriority.LOW ? awaitHandshakeAtLowPriority(started, deadline)
                : awaitHandshake(started, remaining(deadline));
        try {
            line.requireCompatible(spec.handshake());
        } catch (HandshakeException e) {
            throw new HandshakeException(name + ": " + e.getMessage());
        }
        PluginChannel connected;
        try {
            connected = PluginChannel.connect(spec.pluginLabel(), line, identity);
        } catch (SSLException e) {
            throw new PluginStartException(name + ": cannot set up TLS with its certificate: " + e.getMessage(), e);
        }
        synchronized (this) {
            if (killRequested) {
                connected.close();
                throw killedWhileStarting();
            }
            channel = connected;
            connectedTo = line;
        }
        requireServing(connected.channel(), line, max(remaining(deadline), MIN_HEALTH_DEADLINE));
        PluginBroker opened = PluginBroker.open(spec.pluginLabel(), connected.channel(), directory, identity,
                line.serverCertificate());
        synchronized (this) {
            answered = true;
            if (killRequested) {
                opened.close();
                throw killedWhileStarting();
            }
            broker = opened;
        }
        streamStdio(connected.channel());
        LOG.log(Level.INFO, "{0} started: pid {1}, {2} {3}, {4}", name, Long.toString(started.pid()), line.network(),
                line.address(), line.serverCertificate().isPresent() ? "mutual TLS" : "plaintext");
        return connected.channel();
    }

    private ProcessTether.Tethered spawn(EphemeralCertificate identity, Path directory) throws PluginStartException {
        List<String> command = new ArrayList<>();
        command.add(spec.executable().toString());
        command.addAll(spec.arguments());
        try {
            return ProcessTether.current().start(command, PluginEnvironment.build(System.getenv(), spec.handshake(),
                    spec.environment(), identity.certificatePem(), directory, ProcessHandle.current().pid()),
                    spec.workingDirectory(), spec.priority());
        } catch (IOException e) {
            throw new PluginStartException(name + ": cannot run " + spec.executable() + ": " + e.getMessage(), e);
        }
    }

    private void startPumps(Process started) {
        LineSplitter stdout = new LineSplitter(HandshakeLine.MAX_LENGTH, this::onStdoutLine);
        LineSplitter stderr = new LineSplitter(PluginOutput.MAX_LINE_CHARS, output::accept);
        synchronized (pumps) {
            pumps.add(pump("stdout", started.getInputStream(), stdout, () -> handshake.completeExceptionally(
                    new PluginStartException(name + " closed its stdout before printing its handshake line"))));
            pumps.add(pump("stderr", started.getErrorStream(), stderr, () -> { }));
        }
    }

    private Thread pump(String stream, InputStream in, LineSplitter splitter, Runnable atEnd) {
        Thread thread = new Thread(() -> {
            try (in) {
                splitter.pump(in);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "{0}: reading its {1} failed: {2}", name, stream, e);
            } finally {
                atEnd.run();
            }
        }, "pnode-plugin-" + spec.pluginLabel() + "-" + stream);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void onStdoutLine(LineSplitter.Line line) {
        if (handshake.isDone()) {
            output.accept(line);
        } else if (line.truncated()) {
            handshake.completeExceptionally(new HandshakeException("it printed a line longer than "
                    + HandshakeLine.MAX_LENGTH + " bytes before its handshake line: "
                    + HandshakeLine.quote(line.text())));
        } else if (line.text().indexOf('|') >= 0) {
            try {
                handshake.complete(HandshakeLine.parse(line.text()));
            } catch (HandshakeException e) {
                handshake.completeExceptionally(e);
            }
        } else {
            output.accept(line);
        }
    }

    /**
     * A process started at {@link CpuPriority#LOW} yields the CPU while it boots (the costly part of a start), until it
     * printed its handshake line or for {@link #LOW_PRIORITY_SHARE_OF_START} of its start timeout at most, so that a
     * busy machine cannot starve it past its own timeout; then it runs at the host's priority.
     */
    private HandshakeLine awaitHandshakeAtLowPriority(Process started, long deadline) throws PluginStartException {
        try {
            handshake.get(spec.startTimeout().dividedBy(LOW_PRIORITY_SHARE_OF_START).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // not yet, or it failed: awaitHandshake reports that
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // awaitHandshake reports that
        }
        if (!handshake.isDone()) {
            ProcessTether.restoreNormalPriority(started.pid()); // it boots on at normal priority
        }
        HandshakeLine line = awaitHandshake(started, remaining(deadline));
        ProcessTether.restoreNormalPriority(started.pid());
        return line;
    }

    private HandshakeLine awaitHandshake(Process started, Duration timeout) throws PluginStartException {
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
            String exit = exitDescription(started);
            joinPumps();
            throw new PluginStartException(name + " " + exit + " before printing its handshake line" + lastOutput());
        }
    }

    /** How the process ended, after giving it a moment to do so (its stdout may close just before it exits). */
    private static String exitDescription(Process started) {
        try {
            if (started.waitFor(GRACE_PERIOD.toMillis(), TimeUnit.MILLISECONDS)) {
                return exitReason(started.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "closed its stdout";
    }

    static String exitReason(int status) {
        return "exited with status " + status + (status > 128 ? " (killed by signal " + (status - 128) + ")" : "");
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

    /** go-plugin ≥ 1.1 forwards the plugin's own stdout/stderr writes over GRPCStdio; older plugins lack it. */
    private void streamStdio(ManagedChannel connected) {
        LineSplitter stdout = new LineSplitter(PluginOutput.MAX_LINE_CHARS, output::accept);
        LineSplitter stderr = new LineSplitter(PluginOutput.MAX_LINE_CHARS, output::accept);
        GRPCStdioGrpc.newStub(connected).streamStdio(com.google.protobuf.Empty.getDefaultInstance(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(StdioData data) {
                        byte[] bytes = data.getData().toByteArray();
                        LineSplitter target = data.getChannel() == StdioData.Channel.STDERR ? stderr : stdout;
                        target.feed(bytes, 0, bytes.length);
                    }

                    @Override
                    public void onError(Throwable error) {
                        stdout.finish();
                        stderr.finish();
                        Status.Code code = Status.fromThrowable(error).getCode();
                        LOG.log(Level.DEBUG, code == Status.Code.UNIMPLEMENTED
                                ? "{0} does not offer GRPCStdio (go-plugin before 1.1); its stdout and stderr pipes "
                                        + "still reach the log"
                                : "{0}: GRPCStdio stream ended: {1}", name, error);
                    }

                    @Override
                    public void onCompleted() {
                        stdout.finish();
                        stderr.finish();
                    }
                });
    }

    private void onExit(Process ended) {
        boolean byHost;
        Path directory;
        Path record;
        PluginBroker brokerOfProcess;
        ProcessTether.Tethered group;
        synchronized (this) {
            byHost = stoppedByHost;
            directory = socketDirectory;
            record = pidRecord;
            brokerOfProcess = broker;
            group = tethered;
        }
        String reason = byHost ? "killed by host" : exitReason(ended.exitValue());
        if (brokerOfProcess != null) {
            brokerOfProcess.processExited(reason);
        }
        if (!byHost) {
            LOG.log(Level.WARNING, "{0} {1}{2}", name, reason, lastOutput());
            // nothing is left to reap but the plugin's own children; the channel stays until the owner calls kill()
            cleanUp(null, group, null, directory, record);
        }
        handshake.completeExceptionally(new PluginStartException(name + " " + reason));
        exited.complete(reason);
    }

    @Override
    public synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
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

    @Override
    public void kill() {
        boolean first;
        Process running;
        PluginChannel connected;
        PluginBroker brokered;
        boolean askFirst;
        HandshakeLine address;
        Path directory;
        Path record;
        ProcessTether.Tethered group;
        synchronized (this) {
            askFirst = answered;
            group = tethered;
            first = !killRequested;
            killRequested = true;
            running = process;
            stoppedByHost = first && running != null && running.isAlive();
            connected = channel;
            brokered = broker;
            address = connectedTo;
            directory = socketDirectory;
            record = pidRecord;
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
                stop(running, askFirst ? connected : null);
            }
        } finally {
            try {
                if (connected != null) {
                    connected.close();
                }
                cleanUp(running, group, address, directory, record);
            } finally {
                exited.complete(running == null ? "never started" : exitedReason(running));
                killFinished.complete(null);
            }
        }
    }

    private synchronized String exitedReason(Process ended) {
        return stoppedByHost || ended.isAlive() ? "killed by host" : exitReason(ended.exitValue());
    }

    /** Asks over {@code connected} (when given) first, then SIGTERM, then SIGKILL, with a grace period each. */
    private void stop(Process running, PluginChannel connected) {
        List<ProcessHandle> descendants = running.descendants().toList();
        boolean asked = connected != null && running.isAlive();
        if (asked) {
            requestShutdown(connected.channel());
        }
        if (!(asked && waitFor(running)) && running.isAlive()) {
            if (asked) {
                LOG.log(Level.INFO, "{0} did not stop within {1} ms of being asked; terminating it", name,
                        Long.toString(GRACE_PERIOD.toMillis()));
            }
            running.destroy();
            if (!waitFor(running)) {
                LOG.log(Level.WARNING, "{0} ignored SIGTERM for {1} ms; killing it", name,
                        Long.toString(GRACE_PERIOD.toMillis()));
                running.destroyForcibly();
                waitFor(running);
            }
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                LOG.log(Level.INFO, "{0} left process {1} behind; killing it", name, Long.toString(child.pid()));
                child.destroyForcibly();
            }
        }
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

    private static boolean waitFor(Process running) {
        try {
            return running.waitFor(GRACE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
            return false;
        }
    }

    private void cleanUp(Process running, ProcessTether.Tethered group, HandshakeLine address, Path directory,
            Path record) {
        if (group != null) {
            group.killGroup();
        }
        if (running != null) {
            try {
                running.getOutputStream().close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "{0}: closing its stdin failed: {1}", name, e);
            }
        }
        if (address != null && address.network().equals(HandshakeLine.NETWORK_UNIX)) {
            deleteSocket(Path.of(address.address()));
        }
        try {
            if (directory != null) {
                SocketDirectory.delete(directory);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0}: cannot delete its socket directory {1}: {2}", name, directory, e);
        }
        if (record != null && (running == null || !running.isAlive())) {
            try {
                Files.deleteIfExists(record);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "{0}: cannot delete its pid record {1}: {2}", name, record, e);
            }
        }
    }

    /** A plugin that ignored PLUGIN_UNIX_SOCKET_DIR (go-plugin before 1.5) leaves its socket elsewhere. */
    private void deleteSocket(Path socket) {
        try {
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)
                    && Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS).isOther()) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0}: cannot delete its socket {1}: {2}", name, socket, e);
        }
    }

    private void joinPumps() {
        List<Thread> threads;
        synchronized (pumps) {
            threads = List.copyOf(pumps);
        }
        for (Thread thread : threads) {
            try {
                thread.join(GRACE_PERIOD.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
