package dev.pnode.metrics.internal;

import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Each configured plugin's state and restart count, read from the host's {@link PluginRegistry} at every scrape
 * (no series while the host is not running).
 */
@Component
public final class PluginStatusMetrics {

    private final NodeRegistry registry;
    private final GaugeWithCallback state;
    private final CounterWithCallback restarts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PluginRegistry plugins;

    @Activate
    public PluginStatusMetrics(@Reference NodeRegistry registry) {
        this.registry = registry;
        state = GaugeWithCallback.builder().name("pnode_plugin_state")
                .help("1 for the state each configured plugin is in (starting, running, failed, stopped), 0 for the"
                        + " others").labelNames("interface", "plugin", "state")
                .callback(callback -> {
                    for (PluginStatus status : statuses()) {
                        for (PluginState each : PluginState.values()) {
                            callback.call(each == status.state() ? 1 : 0, status.interfaceKey(), status.name(),
                                    each.name().toLowerCase(Locale.ROOT));
                        }
                    }
                }).register(registry);
        restarts = CounterWithCallback.builder().name("pnode_plugin_restarts_total")
                .help("how many times the host started each plugin again after its first start")
                .labelNames("interface", "plugin")
                .callback(callback -> statuses().forEach(status -> callback.call(status.restarts(),
                        status.interfaceKey(), status.name()))).register(registry);
    }

    @Deactivate
    void deactivate() {
        registry.unregister(state);
        registry.unregister(restarts);
    }

    private List<PluginStatus> statuses() {
        PluginRegistry host = plugins;
        return host == null ? List.of() : host.plugins();
    }
}
