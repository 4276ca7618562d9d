package dev.pnode.metrics.internal;

import dev.pnode.api.observation.PluginObserver;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** What the plugin host reports: each plugin call, each plugin start, each download from a plugin central. */
@Component(service = PluginObserver.class)
public final class PluginMetrics implements PluginObserver {

    /** Plugin calls take from ~100 µs (a warm local call) to the call timeout (seconds). */
    static final double[] CALL_SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5, 5, 10, 30};
    /** Plugin starts take from ~50 ms (Go) to tens of seconds (a JVM on a busy machine). */
    static final double[] START_SECONDS = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120};

    private final NodeRegistry registry;
    private final Counter calls;
    private final Histogram callDuration;
    private final Histogram startDuration;
    private final Counter downloads;
    private final Counter healthCheckFailures;

    @Activate
    public PluginMetrics(@Reference NodeRegistry registry) {
        this.registry = registry;
        calls = Counter.builder().name("pnode_plugin_calls_total")
                .help("gRPC calls to plugins, by method and gRPC status code (OK for a success)")
                .labelNames("interface", "plugin", "method", "code").withoutExemplars()
                .register(registry);
        callDuration = Histogram.builder().name("pnode_plugin_call_duration_seconds").unit(Unit.SECONDS)
                .help("how long gRPC calls to plugins took, to their end").classicOnly()
                .classicUpperBounds(CALL_SECONDS).labelNames("interface", "plugin", "method")
                .withoutExemplars().register(registry);
        startDuration = Histogram.builder().name("pnode_plugin_start_duration_seconds").unit(Unit.SECONDS)
                .help("how long plugin starts took, from the zip to a connected plugin (boot, restart, or the new"
                        + " process of a reload)").classicOnly()
                .classicUpperBounds(START_SECONDS).labelNames("interface", "plugin").withoutExemplars()
                .register(registry);
        downloads = Counter.builder().name("pnode_plugin_downloads_total")
                .help("plugin zips fetched from a plugin central, by outcome: installed, or the failure"
                        + " (signature and digest_mismatch are verification failures)")
                .labelNames("plugin", "version", "outcome").withoutExemplars().register(registry);
        healthCheckFailures = Counter.builder().name("pnode_plugin_health_check_failures_total")
                .help("failed health checks of running plugins (a few in a row make the host restart the plugin)")
                .labelNames("interface", "plugin").withoutExemplars().register(registry);
    }

    @Deactivate
    void deactivate() {
        registry.unregister(calls);
        registry.unregister(callDuration);
        registry.unregister(startDuration);
        registry.unregister(downloads);
        registry.unregister(healthCheckFailures);
    }

    @Override
    public void pluginCallEnded(String interfaceKey, String plugin, String method, String grpcStatus,
            Duration duration) {
        calls.labelValues(interfaceKey, plugin, method, grpcStatus).inc();
        callDuration.labelValues(interfaceKey, plugin, method).observe(seconds(duration));
    }

    @Override
    public void pluginHealthCheckFailed(String interfaceKey, String plugin) {
        healthCheckFailures.labelValues(interfaceKey, plugin).inc();
    }

    @Override
    public void pluginStarted(String interfaceKey, String plugin, Duration duration) {
        startDuration.labelValues(interfaceKey, plugin).observe(seconds(duration));
    }

    @Override
    public void pluginDownloadEnded(String plugin, String version, String outcome) {
        downloads.labelValues(plugin, version, outcome).inc();
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
