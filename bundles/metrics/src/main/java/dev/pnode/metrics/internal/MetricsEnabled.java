package dev.pnode.metrics.internal;

import dev.pnode.api.node.MetricsProperties;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.condition.Condition;

/**
 * Only with {@code --metrics}: registers the {@link Condition} {@value #CONDITION_ID}, which {@link NodeRegistry}
 * (and through it every observer of this bundle) waits for. Without it no series are kept, so a node that serves no
 * metrics neither registers the JVM instrumentation at boot nor counts each plugin call. Here, not beside the metrics
 * port (pnode-metrics-http, which starts with the HTTP stack, after the plugin host), so that the host's first
 * download and start are counted.
 */
@Component(immediate = true, service = {})
public final class MetricsEnabled {

    /** The condition {@link NodeRegistry} is satisfied by (its {@code osgi.ds.satisfying.condition.target}). */
    static final String CONDITION_ID = "pnode.metrics.enabled";

    private final ServiceRegistration<Condition> enabled;

    @Activate
    public MetricsEnabled(BundleContext context) {
        enabled = Boolean.parseBoolean(context.getProperty(MetricsProperties.ENABLED))
                ? context.registerService(Condition.class, Condition.INSTANCE,
                        new Hashtable<>(Map.of(Condition.CONDITION_ID, CONDITION_ID)))
                : null;
    }

    @Deactivate
    void deactivate() {
        if (enabled != null) {
            enabled.unregister();
        }
    }
}
