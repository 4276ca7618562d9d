package dev.pnode.goplugin;

/**
 * The CPU priority a plugin process starts at. A host starts a plugin that keeps failing at {@link #LOW}, so that its
 * restarts (a JVM start costs a second or more of CPU) do not take the CPU from a healthy plugin's restart, and a
 * reload's replacement at {@link #BACKGROUND}, so that its start does not take the CPU from the calls the old process
 * still serves. Both are lowered for a third of the start timeout at most, so a busy machine cannot starve a start
 * past its own timeout.
 */
public enum CpuPriority {

    /** The host's own priority. */
    NORMAL,

    /**
     * Lower than the host's while the process boots: on Linux its session's scheduler autogroup is at nice 10 until
     * it printed its handshake line, or for a third of its start timeout at most, and at nice 0 from then on.
     * Without autogroups (a node under a CPU cgroup, another OS, no tether tools) it is the same as {@link #NORMAL}.
     */
    LOW,

    /**
     * Lower than the host's until the host switches to it: like {@link #LOW}, but past its handshake too (its TLS
     * handshake and first calls, where a plugin JVM still runs cold code), until
     * {@link PluginProcess#runAtNormalPriority()}, or for a third of its start timeout at most.
     */
    BACKGROUND
}
