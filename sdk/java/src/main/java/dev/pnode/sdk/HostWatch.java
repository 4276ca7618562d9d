package dev.pnode.sdk;

import java.util.Map;
import java.util.Optional;

/**
 * A plugin must never outlive the host that launched it: the host may be killed without calling Shutdown, even while
 * this JVM is still starting. A pnode host passes its pid in {@code PNODE_HOST_PID}; when that host is not among
 * this process's ancestors any more (a wrapper script without {@code exec} may stand between), the host died
 * before the watch began and the plugin exits at once. Otherwise the host's exit (or, from hosts that do not pass
 * their pid, the parent's exit) ends the plugin.
 */
final class HostWatch {

    /** Set by the host (pnode-goplugin's {@code PluginEnvironment.HOST_PID}): the pid of the host process. */
    static final String HOST_PID = "PNODE_HOST_PID";

    private static final System.Logger LOG = System.getLogger(HostWatch.class.getName());
    private static volatile Runnable whenHostExits = () -> exit("the plugin had not started serving yet");

    private HostWatch() {
    }

    /**
     * Begins watching the host, as early as possible; exits the JVM (status 1) at once when the host is already
     * gone.
     *
     * @throws PluginStartException when {@code PNODE_HOST_PID} is not a pid
     */
    static void begin(Map<String, String> environment) {
        Optional<ProcessHandle> host = host(environment, ProcessHandle.current());
        if (host.isEmpty()) {
            System.err.println("plugin: the host process " + environment.get(HOST_PID)
                    + " that launched this plugin is gone; exiting");
            System.exit(1);
        }
        host.get().onExit().thenRun(() -> {
            LOG.log(System.Logger.Level.INFO, "host process " + host.get().pid() + " exited; stopping the plugin");
            whenHostExits.run();
        });
    }

    /** What to do once serving, when the host exits: stop serving (the plugin then exits). */
    static void whenHostExits(Runnable action) {
        whenHostExits = action;
    }

    /**
     * The host to watch: the process named by {@code PNODE_HOST_PID} if it is an ancestor of {@code self}, else
     * empty (it died and this process was re-parented); without the variable, the parent.
     */
    static Optional<ProcessHandle> host(Map<String, String> environment, ProcessHandle self) {
        String named = environment.get(HOST_PID);
        if (named == null || named.isBlank()) {
            return self.parent();
        }
        long pid;
        try {
            pid = Long.parseLong(named.trim());
        } catch (NumberFormatException e) {
            throw new PluginStartException(HOST_PID + " must be a process id, was \"" + named + "\"");
        }
        for (Optional<ProcessHandle> ancestor = self.parent(); ancestor.isPresent();
                ancestor = ancestor.get().parent()) {
            if (ancestor.get().pid() == pid) {
                return ancestor;
            }
        }
        return Optional.empty();
    }

    private static void exit(String why) {
        System.err.println("plugin: the host process exited; " + why + ", exiting");
        System.exit(1);
    }
}
