package dev.pnode.rpc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.RequestLimits;
import dev.pnode.rpc.security.FakeSecurityPlugin;
import dev.pnode.rpc.security.TestCertificates;
import dev.pnode.rpc.transport.AllowedOrigins;
import dev.pnode.rpc.transport.HealthCheck;
import dev.pnode.rpc.http.HttpEndpoint;
import dev.pnode.rpc.transport.HttpLimits;
import dev.pnode.rpc.transport.VirtualHosts;
import dev.pnode.security.AuthenticatedPrincipal;
import dev.pnode.security.SecurityPlugin;
import dev.pnode.security.TlsConfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** A real HTTPS endpoint following a security plugin, called with the JDK's HTTP client trusting only its cert. */
public class HttpSecurityTest {

    private static final String GREETING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"plugin@helloworld_greeting\"}";
    private static final String NODE_INFO = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"admin_nodeInfo\"}";

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final TlsConfiguration firstCertificate = TestCertificates.selfSigned("EC", false, List.of());
    private final FakeSecurityPlugin plugin = new FakeSecurityPlugin(Optional.of(firstCertificate))
            .token("hello-token", Instant.now().plusSeconds(3600), "rpc://plugin@helloworld_*");
    private final AtomicBoolean configured = new AtomicBoolean(true);
    private final HttpSecurity security = new HttpSecurity(configured::get);
    private HttpEndpoint endpoint;

    @Before
    public void start() throws IOException {
        JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(name -> Optional.of(params -> new JsonPrimitive(
                "called " + name)), RequestLimits.DEFAULT);
        endpoint = new HttpEndpoint(new InetSocketAddress("127.0.0.1", 0), dispatcher,
                HttpLimits.DEFAULT.withMaxBodyBytes(1 << 16), security.access(), VirtualHosts.LOCALHOST,
                AllowedOrigins.NONE, HealthCheck.NONE);
        security.arrived(plugin);
        security.start(endpoint);
    }

    @After
    public void stop() {
        security.stop();
        endpoint.close();
    }

    @Test
    public void servesHttpsWithThePluginsCertificateToAGrantedToken() throws Exception {
        assertTrue(endpoint.url(), endpoint.url().startsWith("https://"));
        HttpResponse<String> response = post(firstCertificate, GREETING, "Bearer hello-token");
        assertEquals(200, response.statusCode());
        assertEquals("called plugin@helloworld_greeting", body(response).get("result").getAsString());
    }

    @Test
    public void noTokenIs401WithAJsonRpcErrorAndTheBearerChallenge() throws Exception {
        HttpResponse<String> response = post(firstCertificate, GREETING, null);
        assertEquals(401, response.statusCode());
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(-32001, body(response).getAsJsonObject("error").get("code").getAsInt());
    }

    @Test
    public void aWrongTokenIs401() throws Exception {
        assertEquals(401, post(firstCertificate, GREETING, "Bearer wrong").statusCode());
    }

    @Test
    public void aMethodTheTokenDoesNotGrantIs403NamingIt() throws Exception {
        HttpResponse<String> response = post(firstCertificate, NODE_INFO, "Bearer hello-token");
        assertEquals(403, response.statusCode());
        assertTrue(response.body(), body(response).getAsJsonObject("error").get("message").getAsString()
                .startsWith("admin_nodeInfo - access denied"));
    }

    @Test
    public void aBatchWithOneMethodNotGrantedIsRefusedWhole() throws Exception {
        assertEquals(403, post(firstCertificate, "[" + GREETING + "," + NODE_INFO + "]", "Bearer hello-token")
                .statusCode());
    }

    @Test
    public void aPluginThatCrashedRefusesRequestsWith503() throws Exception {
        plugin.crash();
        HttpResponse<String> response = post(firstCertificate, GREETING, "Bearer hello-token");
        assertEquals(503, response.statusCode());
        assertTrue(response.body(), response.body().contains("UNAVAILABLE"));
    }

    @Test
    public void aPluginThatLeftRefusesRequestsWith503UntilOneServesAgain() throws Exception {
        security.departed(plugin);
        assertEquals(503, post(firstCertificate, GREETING, "Bearer hello-token").statusCode());
        security.arrived(plugin);
        assertEquals(503, post(firstCertificate, GREETING, "Bearer hello-token").statusCode());
        security.apply(plugin);
        assertEquals(200, post(firstCertificate, GREETING, "Bearer hello-token").statusCode());
    }

    @Test
    public void aReloadedPluginsNewCertificateIsServedOnTheSamePort() throws Exception {
        int port = endpoint.port();
        TlsConfiguration secondCertificate = TestCertificates.selfSigned("RSA", true, List.of());
        plugin.serve(Optional.of(secondCertificate));
        security.arrived(plugin);
        security.apply(plugin);
        assertEquals(port, endpoint.port());
        assertEquals(200, post(secondCertificate, GREETING, "Bearer hello-token").statusCode());
        assertThrows(SSLHandshakeException.class, () -> post(firstCertificate, GREETING, "Bearer hello-token"));
    }

    @Test
    public void aPluginThatDoesNotAnswerForItsTlsIsWorthAnotherTryAndRefusesRequestsMeanwhile() throws Exception {
        plugin.crash();
        security.arrived(plugin);
        assertTrue("worth another try", security.apply(plugin));
        plugin.recover();
        assertEquals(503, post(firstCertificate, GREETING, "Bearer hello-token").statusCode());
        assertFalse("done", security.apply(plugin));
        assertEquals(200, post(firstCertificate, GREETING, "Bearer hello-token").statusCode());
    }

    @Test
    public void aPluginTheHostIsStillStartingIsWorthAnotherTryAndRefusesRequestsMeanwhile() throws Exception {
        SecurityPlugin starting = new SecurityPlugin() {
            @Override
            public Optional<TlsConfiguration> get() {
                throw stillStarting();
            }

            @Override
            public AuthenticatedPrincipal authenticate(String token) {
                throw stillStarting();
            }

            /** What the host's contract service throws when its call timeout passes during the plugin's start. */
            private IllegalStateException stillStarting() {
                return new IllegalStateException("plugin security is not serving: it did not finish starting within"
                        + " the call timeout of 10000 ms");
            }
        };
        security.arrived(starting);

        assertTrue("worth another try", security.apply(starting));
        assertEquals(503, post(firstCertificate, GREETING, "Bearer hello-token").statusCode());
    }

    @Test
    public void anotherPluginInstanceMakesAnOldOnesTlsFetchMoot() {
        FakeSecurityPlugin newer = new FakeSecurityPlugin(Optional.of(firstCertificate));
        security.arrived(newer);
        assertFalse(security.apply(plugin));
    }

    @Test
    public void unusableTlsMaterialRefusesRequestsRatherThanServingPlainly() throws Exception {
        plugin.serve(Optional.of(new TlsConfiguration(firstCertificate.certPem(), firstCertificate.certPem(),
                List.of())));
        security.arrived(plugin);
        assertFalse("a reload is needed, not another try", security.apply(plugin));
        HttpResponse<String> response = post(firstCertificate, GREETING, "Bearer hello-token");
        assertEquals(503, response.statusCode());
        assertTrue(response.body(), response.body().contains("holds no PEM private key"));
    }

    private HttpResponse<String> post(TlsConfiguration trusted, String json, String authorization) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(trusted))
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + endpoint.port() + "/"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(TlsConfiguration tls) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("plugin", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(tls.certPem())));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static JsonObject body(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }
}
