package dev.pnode.api.node;

/**
 * The readiness convention: a service registered with {@link #STATE} = {@link #STARTING} | {@link #READY} |
 * {@link #FAILED} (and a {@link #MESSAGE} for people) holds the launcher's boot while it is starting and fails the
 * boot when it failed; {@code GET /health} reports every such service.
 */
public final class ReadinessProperties {

    public static final String STATE = "pnode.readiness";
    public static final String MESSAGE = "pnode.readiness.message";

    public static final String STARTING = "starting";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    private ReadinessProperties() {
    }
}
