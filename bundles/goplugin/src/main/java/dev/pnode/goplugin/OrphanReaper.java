package dev.pnode.goplugin;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Cleans up after a host that died without stopping its plugins: every started process leaves a record in the
 * run directory; a record whose process still runs (same pid and start instant) is killed, stale sockets are
 * deleted.
 */
public final class OrphanReaper {

    private static final Logger LOG = System.getLogger(OrphanReaper.class.getName());

    private OrphanReaper() {
    }

    /**
     * Call it before starting plugins, with the run directory of the host that may have died. A missing run
     * directory means there is nothing to clean up.
     *
     * @return how many orphan processes were killed
     */
    public static int reap(Path runDirectory) {
        int killed = 0;
        try (DirectoryStream<Path> records = Files.newDirectoryStream(runDirectory, "*" + PidRecord.SUFFIX)) {
            for (Path file : records) {
                if (reapOne(file)) {
                    killed++;
                }
            }
        } catch (NoSuchFileException nothingRan) {
            return 0;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot look for orphan plugin processes in {0}: {1}", runDirectory, e);
        }
        return killed;
    }

    private static boolean reapOne(Path file) {
        PidRecord record;
        try {
            record = PidRecord.read(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignoring unreadable plugin pid record {0}: {1}", file, e.getMessage());
            return false;
        }
        Optional<ProcessHandle> orphan = record.liveProcess();
        boolean gone = orphan.map(OrphanReaper::terminate).orElse(true);
        orphan.ifPresent(process -> LOG.log(Level.WARNING,
                "killed orphan process {0} of plugin {1}, left running by a host that did not stop it",
                Long.toString(process.pid()), record.label()));
        if (!gone) {
            LOG.log(Level.ERROR, "orphan process {0} of plugin {1} survived SIGKILL; keeping {2}",
                    Long.toString(record.pid()), record.label(), file);
            return false;
        }
        try {
            SocketDirectory.delete(record.socketDirectory());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot clean up after plugin {0} ({1}): {2}", record.label(), file, e);
        }
        return orphan.isPresent();
    }

    /** SIGTERM, a moment, then SIGKILL; descendants (a wrapper script's children) go too. */
    private static boolean terminate(ProcessHandle process) {
        var descendants = process.descendants().toList();
        process.destroy();
        if (!waitFor(process)) {
            process.destroyForcibly();
            waitFor(process);
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        return !process.isAlive();
    }

    private static boolean waitFor(ProcessHandle process) {
        try {
            process.onExit().get(PluginRunner.GRACE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        }
    }
}
