package dev.pnode.rpc.security;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.rpc.transport.ServerTls;
import dev.pnode.security.TlsConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** The key, certificate and cipher suite forms Quorum security plugins serve. */
public class ServerTlsFactoryTest {

    private static final TlsConfiguration EC = TestCertificates.selfSigned("EC", true, List.of());

    @Test
    public void acceptsPkcs8AndGosLegacyKeysOfBothKinds() {
        for (String algorithm : List.of("EC", "RSA")) {
            for (boolean pkcs8 : List.of(true, false)) {
                ServerTls tls = ServerTlsFactory.create(TestCertificates.selfSigned(algorithm, pkcs8, List.of()));
                assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, tls.parameters().getProtocols());
            }
        }
    }

    @Test
    public void anEmptySuiteListMeansQuorumsDefaultPlusTls13() {
        List<String> suites = List.of(ServerTlsFactory.create(EC).parameters().getCipherSuites());
        assertTrue(suites.toString(), suites.containsAll(List.of("TLS_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA")));
        assertTrue(suites.toString(), !suites.contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    }

    @Test
    public void usesThePluginsSuitesInItsOrderSkippingUnknownOnes() {
        List<String> enabled = CipherSuites.enabled(List.of(0xc02b, 0xffff, 0xc02c),
                Set.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), enabled);
    }

    @Test
    public void refusesSuitesNoneOfWhichCanBeUsed() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> CipherSuites.enabled(List.of(0x0005, 0xffff), Set.of("TLS_AES_128_GCM_SHA256")));
        assertTrue(refusal.getMessage(), refusal.getMessage().contains("0x0005, 0xffff"));
    }

    @Test
    public void refusesAKeyThatIsNotTheCertificates() {
        TlsConfiguration other = TestCertificates.selfSigned("EC", true, List.of());
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> ServerTlsFactory.create(new TlsConfiguration(other.keyPem(), EC.certPem(), List.of())));
        assertTrue(refusal.getMessage(), refusal.getMessage().contains("does not belong to the certificate CN=localhost"));
    }

    @Test
    public void refusesPemWithoutAKey() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> ServerTlsFactory.create(new TlsConfiguration(EC.certPem(), EC.certPem(), List.of())));
        assertTrue(refusal.getMessage(), refusal.getMessage().contains("holds no PEM private key"));
    }

    @Test
    public void refusesACertificateThatIsNotPem() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> ServerTlsFactory.create(
                new TlsConfiguration(EC.keyPem(), "garbage".getBytes(StandardCharsets.US_ASCII), List.of())));
        assertTrue(refusal.getMessage(), refusal.getMessage().startsWith("the TLS certificate"));
    }
}
