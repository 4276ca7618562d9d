package dev.pnode.api;

/** Where a configured plugin is in its life. */
public enum PluginState {
    /** The process is being prepared, started, handshaken or initialised. */
    STARTING,
    /** Healthy and registered as a service. */
    RUNNING,
    /** Could not start, or died; {@link PluginStatus#lastError()} says why. */
    FAILED,
    /** Stopped on purpose (node or bundle shutting down, provider removed). */
    STOPPED
}
