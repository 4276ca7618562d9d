package dev.pnode.goplugin;

/**
 * The CPU priority a plugin process is started at. A host starts a plugin that keeps failing at {@link #LOW}, so that
 * its restarts (a JVM start costs a second or more of CPU) do not take the CPU from a healthy plugin's restart.
 */
public enum CpuPriority {

    /** The host's own priority. */
    NORMAL,

    /**
     * Lower than the host's: on Linux the plugin's scheduler autogroup (its session's share of the CPU against other
     * sessions, which is what counts where autogroups are on) and its nice value (what counts within a CPU cgroup)
     * are both 10. Only the autogroup's can be put back without privileges ({@link PluginProcess#restoreNormalPriority}).
     */
    LOW
}
