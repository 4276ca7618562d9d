package dev.pnode.goplugin;

/**
 * The CPU priority a plugin process starts at. A host starts a plugin that keeps failing at {@link #LOW}, so that its
 * restarts (a JVM start costs a second or more of CPU) do not take the CPU from a healthy plugin's restart.
 */
public enum CpuPriority {

    /** The host's own priority. */
    NORMAL,

    /**
     * Lower than the host's while the process boots: on Linux its session's scheduler autogroup is at nice 10 until
     * it printed its handshake line, or for a third of its start timeout at most, and at nice 0 from then on.
     * Without autogroups (a node under a CPU cgroup, another OS, no tether tools) it is the same as {@link #NORMAL}.
     */
    LOW
}
