package dev.pnode.rpc.transport;

/** What {@code GET /health} answers: asked on every such request. */
@FunctionalInterface
public interface HealthCheck {

    /** No health endpoint: {@code GET /health} is not found. */
    HealthCheck NONE = () -> null;

    /** The node's health now, or null when this endpoint has no health check. */
    Health check();

    /**
     * @param serving 200 when true, 503 otherwise
     * @param json the small JSON body naming what does not serve
     */
    record Health(boolean serving, String json) {
    }
}
