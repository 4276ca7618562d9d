package dev.pnode.metrics.internal;

import dev.pnode.api.node.MetricsProperties;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.osgi.service.component.annotations.Component;

/**
 * The node's one metrics registry (not the client library's static default one, which would outlive a refresh of
 * this bundle), with the JVM's metrics: heap and other memory pools, GC, threads, classes, and the process's CPU
 * time and open file descriptors. Exists only with {@code --metrics} (the condition {@link MetricsEnabled}
 * registers); pnode-metrics-http serves it, a {@link PrometheusRegistry} service with {@link MetricsProperties#REGISTRY}.
 */
@Component(service = {NodeRegistry.class, PrometheusRegistry.class}, property = {
    "osgi.ds.satisfying.condition.target=(osgi.condition.id=" + MetricsEnabled.CONDITION_ID + ")",
    MetricsProperties.REGISTRY + "=node"})
public final class NodeRegistry extends PrometheusRegistry {

    public NodeRegistry() {
        JvmMetrics.builder().register(this);
    }
}
