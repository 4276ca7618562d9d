package dev.pnode.itest.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginRegistry;
import dev.pnode.helloworld.HelloWorld;
import dev.pnode.itest.security.HttpsClient.Answer;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * A node with the Java security example plugin: its HTTP JSON-RPC endpoint serves HTTPS with the plugin's
 * self-signed certificate and lets in only the plugin's tokens, each for the methods its scopes grant.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecuredHttpIT {

    private static final String PLUGINS_CERTIFICATE = "O=pnode example security plugin";

    @Inject
    private BundleContext context;

    /** Injection waits for the helloworld plugin to serve. */
    @Inject
    private HelloWorld helloWorld;

    @Inject
    private PluginAdmin admin;

    @Inject
    private PluginRegistry registry;

    private HttpsClient client;
    private X509Certificate certificate;

    @Configuration
    public Option[] config() {
        return HttpNode.options(true);
    }

    @Before
    public void awaitSecuredEndpoint() throws Exception {
        client = new HttpsClient(Integer.parseInt(context.getProperty("pnode.http.port")));
        certificate = client.awaitServing(presented -> presented.getSubjectX500Principal().getName()
                .contains(PLUGINS_CERTIFICATE), HttpNode.HELLO_TOKEN);
    }

    @Test
    public void servesHttpsWithThePluginsCertificateForLocalhost() throws Exception {
        assertTrue(certificate.getSubjectX500Principal().getName(),
                certificate.getSubjectX500Principal().getName().contains("CN=localhost"));
        // the client trusts only this certificate and checks the host name
        assertEquals(200, client.call(certificate, "rpc_modules", "[]", Optional.of(HttpNode.HELLO_TOKEN)).status());
    }

    @Test
    public void aGrantedTokenGreetsThroughTheHelloworldPlugin() throws Exception {
        Answer answer = client.call(certificate, "plugin@helloworld_greeting", "[\"world\"]",
                Optional.of(HttpNode.HELLO_TOKEN));
        assertEquals(answer.body().toString(), 200, answer.status());
        assertEquals("Hello world!", answer.body().get("result").getAsString());
    }

    @Test
    public void noTokenIsUnauthorized() throws Exception {
        Answer answer = client.call(certificate, "plugin@helloworld_greeting", "[\"world\"]", Optional.empty());
        assertEquals(401, answer.status());
        assertEquals(-32001, answer.errorCode());
        assertTrue(answer.errorMessage(), answer.errorMessage().contains("missing access token"));
    }

    @Test
    public void aWrongTokenIsUnauthorizedAndNotQuoted() throws Exception {
        Answer answer = client.call(certificate, "plugin@helloworld_greeting", "[\"world\"]",
                Optional.of("forged-token-0000"));
        assertEquals(401, answer.status());
        assertFalse(answer.errorMessage(), answer.errorMessage().contains("forged-token-0000"));
    }

    @Test
    public void anExpiredTokenIsUnauthorized() throws Exception {
        Answer answer = client.call(certificate, "rpc_modules", "[]", Optional.of(HttpNode.EXPIRED_TOKEN));
        assertEquals(401, answer.status());
        assertTrue(answer.errorMessage(), answer.errorMessage().contains("expired"));
    }

    @Test
    public void aMethodOutsideTheTokensScopesIsForbidden() throws Exception {
        Answer answer = client.call(certificate, "admin_nodeInfo", "[]", Optional.of(HttpNode.HELLO_TOKEN));
        assertEquals(403, answer.status());
        assertEquals(-32001, answer.errorCode());
        assertTrue(answer.errorMessage(), answer.errorMessage().startsWith("admin_nodeInfo - access denied"));
    }

    @Test
    public void plainHttpIsNotServed() {
        assertThrows(IOException.class, () -> client.callPlain("rpc_modules", "[]"));
    }

    @Test
    public void aReloadedSecurityPluginsNewCertificateIsServedOnTheSamePort() throws Exception {
        admin.reload("security");
        X509Certificate renewed = client.awaitServing(presented -> presented.getSubjectX500Principal().getName()
                .contains(PLUGINS_CERTIFICATE) && !presented.equals(certificate), HttpNode.HELLO_TOKEN);
        assertNotEquals(certificate, renewed);
        assertEquals("Hello again!", client.call(renewed, "plugin@helloworld_greeting", "[\"again\"]",
                Optional.of(HttpNode.HELLO_TOKEN)).body().get("result").getAsString());
    }

    @Test
    public void aCrashedSecurityPluginFailsClosedUntilItsRestartServes() throws Exception {
        long pid = registry.plugin("security").orElseThrow().pid().orElseThrow();
        ProcessHandle plugin = ProcessHandle.of(pid).orElseThrow();
        plugin.destroyForcibly();
        plugin.onExit().get(30, TimeUnit.SECONDS);
        List<Answer> meanwhile = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (!client.presentedCertificate().equals(certificate)) {
                    break;
                }
                Answer answer = client.call(certificate, "plugin@helloworld_greeting", "[\"world\"]",
                        Optional.of(HttpNode.HELLO_TOKEN));
                // the certificate is swapped in place: a connection that shook hands with the old certificate
                // just before the swap is answered once the restarted plugin checks its token
                if (answer.status() != 200 || client.presentedCertificate().equals(certificate)) {
                    meanwhile.add(answer);
                }
            } catch (IOException rebinding) {
                // the endpoint is switching to the restarted plugin's certificate
            }
            Thread.sleep(50);
        }
        // fail closed: a request during the restart is refused, or waits for the restarted plugin to check its token
        // (calls wait for a restarting plugin, issue 13); none is served unchecked
        for (Answer answer : meanwhile) {
            if (answer.status() == 200) {
                assertEquals(answer.body().toString(), "Hello world!", answer.body().get("result").getAsString());
            } else {
                assertEquals(answer.body().toString(), 503, answer.status());
                assertTrue(answer.errorMessage(), answer.errorMessage().startsWith(
                        "HTTP JSON-RPC is refused until the security plugin serves"));
            }
        }
        X509Certificate restarted = client.awaitServing(presented -> !presented.equals(certificate),
                HttpNode.HELLO_TOKEN);
        assertEquals("Hello back!", client.call(restarted, "plugin@helloworld_greeting", "[\"back\"]",
                Optional.of(HttpNode.HELLO_TOKEN)).body().get("result").getAsString());
    }
}
