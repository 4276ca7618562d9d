package dev.pnode.goplugin;

import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.PluginStartException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * go-plugin's {@code cmdrunner}: the operating-system side of one plugin process. It makes the private socket
 * directory, starts the entrypoint tied to the node ({@link ProcessTether}) with go-plugin's environment
 * ({@link PluginEnvironment}), records its pid for the {@link OrphanReaper}, stops it (ask, SIGTERM, SIGKILL, a
 * grace period each) and removes what it left on disk. It knows nothing of gRPC: the caller says how to ask.
 */
final class PluginRunner {

    static final Duration GRACE_PERIOD = Duration.ofSeconds(2);

    private static final Logger LOG = System.getLogger(PluginRunner.class.getName());

    private final String name;
    private final ProcessTether.Tethered tethered;
    private final Path socketDirectory;
    private final Path pidRecord;

    private PluginRunner(String name, ProcessTether.Tethered tethered, Path socketDirectory, Path pidRecord) {
        this.name = name;
        this.tethered = tethered;
        this.socketDirectory = socketDirectory;
        this.pidRecord = pidRecord;
    }

    /**
     * Starts the plugin's entrypoint; on failure nothing is left (no process, directory or record).
     *
     * @param identity the host's AutoMTLS identity, whose certificate the plugin gets as {@code PLUGIN_CLIENT_CERT}
     */
    static PluginRunner start(LaunchSpec spec, EphemeralCertificate identity) throws PluginStartException {
        String name = "plugin " + spec.pluginLabel();
        Path directory;
        try {
            directory = SocketDirectory.create();
        } catch (IOException e) {
            throw new PluginStartException(name + " could not be started: " + e, e);
        }
        ProcessTether.Tethered spawned = null;
        try {
            spawned = spawn(spec, name, identity, directory);
            Path record = recordPid(spec, name, spawned.process(), directory);
            return new PluginRunner(name, spawned, directory, record);
        } catch (PluginStartException | RuntimeException e) {
            if (spawned != null) {
                spawned.process().destroyForcibly();
                spawned.killGroup();
            }
            deleteQuietly(name, directory);
            throw e;
        }
    }

    private static ProcessTether.Tethered spawn(LaunchSpec spec, String name, EphemeralCertificate identity,
            Path directory) throws PluginStartException {
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

    private static Path recordPid(LaunchSpec spec, String name, Process process, Path directory)
            throws PluginStartException {
        try {
            return PidRecord.of(process.toHandle(), spec.pluginLabel(), directory).write(spec.runDirectory());
        } catch (IOException e) {
            throw new PluginStartException(name + ": cannot record its pid in " + spec.runDirectory() + ": " + e, e);
        }
    }

    Process process() {
        return tethered.process();
    }

    /** The plugin's private directory for its unix sockets and the broker's. */
    Path socketDirectory() {
        return socketDirectory;
    }

    long pid() {
        return tethered.process().pid();
    }

    boolean isAlive() {
        return tethered.process().isAlive();
    }

    /** Completes with the exit status when the process is gone. */
    CompletableFuture<Integer> exitStatus() {
        return tethered.process().onExit().thenApply(Process::exitValue);
    }

    /**
     * Stops the process: asks it with {@code askToExit} (when given and it runs) and waits, then SIGTERM and
     * waits, then SIGKILL; children it had when this began and outlived it are killed too.
     */
    void stop(Runnable askToExit) {
        Process running = tethered.process();
        List<ProcessHandle> descendants = running.descendants().toList();
        boolean asked = askToExit != null && running.isAlive();
        if (asked) {
            askToExit.run();
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

    /** SIGKILL at once, for a start that was cut short, then {@link #release()}. */
    void killNow() {
        tethered.process().destroyForcibly();
        release();
    }

    /**
     * Kills what is left of the plugin's process group, closes its stdin, deletes its socket directory and, once
     * the process is gone, its pid record. Safe to call again.
     */
    void release() {
        tethered.killGroup();
        try {
            tethered.process().getOutputStream().close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: closing its stdin failed: {1}", name, e);
        }
        deleteQuietly(name, socketDirectory);
        if (!tethered.process().isAlive()) {
            try {
                Files.deleteIfExists(pidRecord);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "{0}: cannot delete its pid record {1}: {2}", name, pidRecord, e);
            }
        }
    }

    /** How the process ended, after giving it a moment to do so (its stdout may close just before it exits). */
    String exitDescription() {
        Process started = tethered.process();
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

    private static boolean waitFor(Process running) {
        try {
            return running.waitFor(GRACE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
            return false;
        }
    }

    private static void deleteQuietly(String name, Path directory) {
        try {
            SocketDirectory.delete(directory);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0}: cannot delete its socket directory {1}: {2}", name, directory, e);
        }
    }
}
