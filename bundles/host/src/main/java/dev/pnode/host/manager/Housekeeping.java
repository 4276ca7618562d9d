package dev.pnode.host.manager;

import dev.pnode.goplugin.OrphanReaper;
import dev.pnode.goplugin.PluginProcess;
import dev.pnode.host.discovery.WorkDirectories;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the host cleans up around its plugins' lives: at its start, plugin processes and work directories a killed
 * node left behind (pid records in the run directory); at its stop, the work directories.
 */
final class Housekeeping {

    private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());

    private final Path runDirectory;
    private final WorkDirectories workDirectories;

    Housekeeping(Path runDirectory, WorkDirectories workDirectories) {
        this.runDirectory = runDirectory;
        this.workDirectories = workDirectories;
    }

    /** Before the first plugin starts: says how plugins are tied to the node, reaps orphans, removes stale work. */
    void atStart() {
        LOG.log(System.Logger.Level.INFO, PluginProcess.tetherDescription());
        try {
            int orphans = OrphanReaper.reap(runDirectory);
            if (orphans > 0) {
                LOG.log(System.Logger.Level.WARNING, "killed {0} plugin process(es) left by an earlier node", orphans);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not clean up orphan plugin processes: " + e);
        }
        try {
            int stale = workDirectories.removeStale();
            if (stale > 0) {
                LOG.log(System.Logger.Level.INFO, "removed {0} stale plugin work director(ies)", stale);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove stale plugin work directories: " + e);
        }
    }

    /** After every plugin stopped. */
    void atStop() {
        try {
            workDirectories.removeStale();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove plugin work directories: " + e);
        }
    }
}
