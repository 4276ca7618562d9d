package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.security.KeyStore;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.Test;

public class NettyFootprintTest {

    @Test
    public void leavesThePluginsOwnTlsTrustingTheJdksCertificateAuthorities() throws Exception {
        String trustStore = System.getProperty(NettyFootprint.TRUST_STORE_PROPERTY);
        NettyFootprint.apply();
        assertEquals(trustStore, System.getProperty(NettyFootprint.TRUST_STORE_PROPERTY));
        int issuers = defaultIssuers();
        assertTrue("the default trust store is empty after apply(): " + issuers, issuers > 10);
    }

    /** What apply() relies on, whichever test loaded netty first in this JVM. */
    @Test
    public void theJdkReadsItsTrustStoreAgainOnceThePropertyIsRestored() throws Exception {
        String before = System.getProperty(NettyFootprint.TRUST_STORE_PROPERTY);
        System.setProperty(NettyFootprint.TRUST_STORE_PROPERTY, "NONE");
        try {
            assertEquals(0, defaultIssuers());
        } finally {
            restore(NettyFootprint.TRUST_STORE_PROPERTY, before);
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
        String before = System.getProperty(NettyFootprint.TRUST_STORE_PROPERTY);
        System.setProperty(NettyFootprint.TRUST_STORE_PROPERTY, "/some/where/trust.jks");
        try {
            NettyFootprint.apply();
            assertEquals("/some/where/trust.jks", System.getProperty(NettyFootprint.TRUST_STORE_PROPERTY));
        } finally {
            restore(NettyFootprint.TRUST_STORE_PROPERTY, before);
        }
    }

    @Test
    public void turnsNettysFlightRecorderEventsOffUnlessTheCommandLineSaysOtherwise() {
        String before = System.getProperty(NettyFootprint.JFR_PROPERTY);
        try {
            System.clearProperty(NettyFootprint.JFR_PROPERTY);
            NettyFootprint.apply();
            assertEquals("false", System.getProperty(NettyFootprint.JFR_PROPERTY));
            System.setProperty(NettyFootprint.JFR_PROPERTY, "true");
            NettyFootprint.apply();
            assertEquals("true", System.getProperty(NettyFootprint.JFR_PROPERTY));
        } finally {
            restore(NettyFootprint.JFR_PROPERTY, before);
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
