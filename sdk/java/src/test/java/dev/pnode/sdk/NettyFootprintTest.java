package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.Test;

public class NettyFootprintTest {

    @Test
    public void leavesThePluginsOwnTlsTrustingTheJdksCertificateAuthorities() throws Exception {
        String trustStore = System.getProperty(TlsProbes.TRUST_STORE_PROPERTY);
        NettyFootprint.apply();
        assertEquals(trustStore, System.getProperty(TlsProbes.TRUST_STORE_PROPERTY));
        int issuers = defaultIssuers();
        assertTrue("the default trust store is empty after apply(): " + issuers, issuers > 10);
    }

    @Test
    public void aPluginsTlsServerNeverReadsTheJdksTrustStore() throws Exception {
        assertTheTlsServerNeverReadsTheJdksTrustStore();
    }

    @Test
    public void aPluginsTlsServerOnOkHttpNeverReadsTheJdksTrustStore() throws Exception {
        assertTheTlsServerNeverReadsTheJdksTrustStore("okhttp");
    }

    private static void assertTheTlsServerNeverReadsTheJdksTrustStore(String... probeArguments) throws Exception {
        Path log = Files.createTempFile("netty-footprint", ".log");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Djavax.net.debug=trustmanager", "-cp", System.getProperty("java.class.path"),
                    NettyFootprintProbe.class.getName()));
            command.addAll(List.of(probeArguments));
            Process probe = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue("the probe JVM did not finish", probe.waitFor(120, TimeUnit.SECONDS));
            String output = Files.readString(log);
            assertEquals(output, 0, probe.exitValue());
            assertTrue(output, output.contains("trustStore is: NONE"));
            assertFalse(output, output.contains("cacerts"));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** What apply() relies on, whichever test loaded netty first in this JVM. */
    @Test
    public void theJdkReadsItsTrustStoreAgainOnceThePropertyIsRestored() throws Exception {
        String before = System.getProperty(TlsProbes.TRUST_STORE_PROPERTY);
        System.setProperty(TlsProbes.TRUST_STORE_PROPERTY, "NONE");
        try {
            assertEquals(0, defaultIssuers());
        } finally {
            restore(TlsProbes.TRUST_STORE_PROPERTY, before);
        }
        assertTrue(defaultIssuers() > 10);
    }

    private static int defaultIssuers() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return ((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers().length;
    }

    @Test
    public void restoresATrustStoreTheCommandLineNamed() {
        String before = System.getProperty(TlsProbes.TRUST_STORE_PROPERTY);
        System.setProperty(TlsProbes.TRUST_STORE_PROPERTY, "/some/where/trust.jks");
        try {
            NettyFootprint.apply();
            assertEquals("/some/where/trust.jks", System.getProperty(TlsProbes.TRUST_STORE_PROPERTY));
        } finally {
            restore(TlsProbes.TRUST_STORE_PROPERTY, before);
        }
    }

    @Test
    public void setsNettysDefaultsUnlessTheCommandLineSaysOtherwise() {
        Map<String, String> before = new HashMap<>();
        NettyFootprint.DEFAULTS.keySet().forEach(name -> before.put(name, System.getProperty(name)));
        try {
            NettyFootprint.DEFAULTS.keySet().forEach(System::clearProperty);
            System.setProperty(NettyFootprint.JFR_PROPERTY, "true");
            NettyFootprint.apply();
            assertEquals("true", System.getProperty(NettyFootprint.JFR_PROPERTY));
            assertEquals("1", System.getProperty("io.grpc.netty.shaded.io.netty.allocator.numHeapArenas"));
            assertEquals("1", System.getProperty("io.grpc.netty.shaded.io.netty.allocator.numDirectArenas"));
            assertEquals("7", System.getProperty("io.grpc.netty.shaded.io.netty.allocator.maxOrder"));
            System.clearProperty(NettyFootprint.JFR_PROPERTY);
            NettyFootprint.apply();
            assertEquals("false", System.getProperty(NettyFootprint.JFR_PROPERTY));
        } finally {
            before.forEach(NettyFootprintTest::restore);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
