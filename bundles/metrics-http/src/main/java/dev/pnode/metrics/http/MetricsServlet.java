package dev.pnode.metrics.http;

import dev.pnode.api.node.MetricsProperties;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Prometheus text format of the node's registry (pnode-metrics'), at {@code /metrics} and at geth's
 * {@code /debug/metrics/prometheus}, served by the OSGi HTTP Whiteboard on the metrics server instance only
 * ({@link MetricsServer}).
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + MetricsServlet.PATH,
    "osgi.http.whiteboard.servlet.pattern=" + MetricsServlet.GETH_PATH,
    "osgi.http.whiteboard.target=(" + MetricsServer.NAME_PROPERTY + "=" + MetricsServer.INSTANCE_NAME + ")"})
public final class MetricsServlet extends HttpServlet {

    static final String PATH = "/metrics";
    static final String GETH_PATH = "/debug/metrics/prometheus";
    private static final long serialVersionUID = 1L;

    private final transient PrometheusRegistry registry;
    private final transient PrometheusTextFormatWriter format = PrometheusTextFormatWriter.create();

    @Activate
    public MetricsServlet(@Reference(target = "(" + MetricsProperties.REGISTRY + "=node)") PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(format.getContentType());
        format.write(response.getOutputStream(), registry.scrape());
    }
}
