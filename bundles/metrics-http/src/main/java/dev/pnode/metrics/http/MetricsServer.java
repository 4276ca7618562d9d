package dev.pnode.metrics.http;

import dev.pnode.api.node.MetricsProperties;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * With {@code --metrics}: a server instance of its own of Felix HTTP Jetty 12 (a factory configuration of
 * {@code org.apache.felix.http} named {@value #INSTANCE_NAME}) on {@code --metrics.addr}:{@code --metrics.port},
 * which serves {@link MetricsServlet} and nothing else; the JSON-RPC endpoints stay on their own ports. The
 * configuration is deleted again when this component stops, closing the port. This bundle is installed with the HTTP
 * stack, which the launcher installs at boot with {@code --metrics}; pnode-metrics keeps the series.
 */
@Component(immediate = true)
public final class MetricsServer {

    static final String NAME_PROPERTY = "org.apache.felix.http.name";
    static final String INSTANCE_NAME = "metrics";
    static final String FELIX_HTTP_FACTORY_PID = "org.apache.felix.http";

    private static final System.Logger LOG = System.getLogger(MetricsServer.class.getName());

    private Configuration server;

    @Activate
    public MetricsServer(@Reference ConfigurationAdmin configurationAdmin, BundleContext context) throws IOException {
        if (!Boolean.parseBoolean(context.getProperty(MetricsProperties.ENABLED))) {
            return;
        }
        String host = context.getProperty(MetricsProperties.HOST);
        int port = Integer.parseInt(context.getProperty(MetricsProperties.PORT));
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put(NAME_PROPERTY, INSTANCE_NAME);
        settings.put("org.apache.felix.http.host", host);
        settings.put("org.osgi.service.http.port", port);
        settings.put("org.apache.felix.http.enable", true);
        server = configurationAdmin.getFactoryConfiguration(FELIX_HTTP_FACTORY_PID, INSTANCE_NAME, "?");
        server.update(settings);
        LOG.log(Level.INFO, "Prometheus metrics at http://{0}:{1,number,#}{2} and {3}", host, port,
                MetricsServlet.PATH, MetricsServlet.GETH_PATH);
    }

    @Deactivate
    void deactivate() throws IOException {
        if (server != null) {
            server.delete();
        }
    }
}
