package dev.pnode.metrics.internal;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.osgi.service.component.annotations.Component;

/**
 * The node's one metrics registry (not the client library's static default one, which would outlive a refresh of
 * this bundle), with the JVM's metrics: heap and other memory pools, GC, threads, classes, and the process's CPU
 * time and open file descriptors. Exists only with {@code --metrics} (the condition {@link MetricsServer} registers).
 */
@Component(service = NodeRegistry.class,
        property = "osgi.ds.satisfying.condition.target=(osgi.condition.id=" + MetricsServer.CONDITION_ID + ")")
public final class NodeRegistry {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    public NodeRegistry() {
        JvmMetrics.builder().register(registry);
    }

    PrometheusRegistry registry() {
        return registry;
    }
}
