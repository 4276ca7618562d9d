package dev.pnode.api.node;

/** Framework properties of the Prometheus metrics endpoint ({@code --metrics}): the launcher sets them. */
public final class MetricsProperties {

    public static final String ENABLED = "pnode.metrics.enabled";
    public static final String HOST = "pnode.metrics.host";
    public static final String PORT = "pnode.metrics.port";

    private MetricsProperties() {
    }
}
