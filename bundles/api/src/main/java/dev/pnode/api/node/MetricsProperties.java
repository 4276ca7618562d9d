package dev.pnode.api.node;

/** Framework properties of the Prometheus metrics endpoint ({@code --metrics}): the launcher sets them. */
public final class MetricsProperties {

    public static final String ENABLED = "pnode.metrics.enabled";
    public static final String HOST = "pnode.metrics.host";
    public static final String PORT = "pnode.metrics.port";

    /**
     * The service property ({@code node}) of pnode-metrics' registry (a Prometheus {@code PrometheusRegistry}
     * service), by which pnode-metrics-http's servlet finds what it serves.
     */
    public static final String REGISTRY = "pnode.metrics.registry";

    private MetricsProperties() {
    }
}
