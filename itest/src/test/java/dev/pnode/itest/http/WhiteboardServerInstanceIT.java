package dev.pnode.itest.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.itest.osgi.PnodeContainer;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What bundles/rpc/README.md tells another bundle (a /metrics endpoint on its own port): the node's Felix HTTP
 * whiteboard listens nowhere until configured; a ConfigAdmin factory configuration of {@code org.apache.felix.http}
 * opens a named server instance on a port, a servlet registered with {@code osgi.http.whiteboard.target} naming it is
 * served there, and deleting the configuration closes the port.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WhiteboardServerInstanceIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        return PnodeContainer.node(List.of("pnode-http"), null);
    }

    @Test
    public void aFactoryConfigurationOpensANamedInstanceThatServesTargetedServlets() throws Exception {
        assertEquals("Felix HTTP serves nowhere before it is configured", 0, runtimes());
        int port = freePort();
        org.osgi.service.cm.Configuration metrics = configurationAdmin.getFactoryConfiguration("org.apache.felix.http",
                "metrics", "?");
        Hashtable<String, Object> server = new Hashtable<>();
        server.put("org.apache.felix.http.name", "metrics");
        server.put("org.apache.felix.http.host", "127.0.0.1");
        server.put("org.osgi.service.http.port", port);
        server.put("org.apache.felix.http.enable", true);
        metrics.update(server);
        Hashtable<String, Object> whiteboard = new Hashtable<>();
        whiteboard.put("osgi.http.whiteboard.servlet.pattern", "/debug/metrics/prometheus");
        whiteboard.put("osgi.http.whiteboard.target", "(org.apache.felix.http.name=metrics)");
        ServiceRegistration<Servlet> servlet = context.registerService(Servlet.class, new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain");
                response.getWriter().write("pnode_up 1\n");
            }
        }, whiteboard);
        try {
            HttpResponse<String> answer = awaitAnswer(URI.create("http://127.0.0.1:" + port
                    + "/debug/metrics/prometheus"));
            assertEquals(200, answer.statusCode());
            assertEquals("pnode_up 1\n", answer.body());
            assertEquals(1, runtimes());
        } finally {
            servlet.unregister();
            metrics.delete();
        }
        assertTrue("the port closes with the configuration", awaitClosed(port));
    }

    private int runtimes() throws Exception {
        ServiceReference<?>[] runtimes = context.getAllServiceReferences(
                "org.osgi.service.servlet.runtime.HttpServiceRuntime", null);
        return runtimes == null ? 0 : runtimes.length;
    }

    private static HttpResponse<String> awaitAnswer(URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 || System.nanoTime() > deadline) {
                    return answer;
                }
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            Thread.sleep(200);
        }
    }

    private static boolean awaitClosed(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                Thread.sleep(200);
            } catch (IOException closed) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
