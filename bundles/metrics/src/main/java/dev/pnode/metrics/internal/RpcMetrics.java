package dev.pnode.metrics.internal;

import dev.pnode.api.observation.RpcObserver;
import io.prometheus.metrics.core.metrics.Counter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** JSON-RPC requests, as the endpoints report them. */
@Component(service = RpcObserver.class)
public final class RpcMetrics implements RpcObserver {

    private final NodeRegistry registry;
    private final Counter requests;

    @Activate
    public RpcMetrics(@Reference NodeRegistry registry) {
        this.registry = registry;
        requests = Counter.builder().name("pnode_rpc_requests_total")
                .help("JSON-RPC requests answered, by method (unknown: not served), transport and outcome")
                .labelNames("method", "transport", "outcome").withoutExemplars().register(registry);
    }

    @Deactivate
    void deactivate() {
        registry.unregister(requests);
    }

    @Override
    public void requestAnswered(String method, String transport, String outcome) {
        requests.labelValues(method, transport, outcome).inc();
    }
}
