package dev.pnode.sdk;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import dev.pnode.wire.EphemeralCertificate;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class AutoMtlsTest {

    @Test
    public void trustsTheCertificatesOfTheHostsPem() {
        EphemeralCertificate host = EphemeralCertificate.generate();

        assertEquals(List.of(host.certificate()), AutoMtls.parseCertificates(host.certificatePem()));
    }

    @Test
    public void makesItsOwnCertificate() {
        EphemeralCertificate host = EphemeralCertificate.generate();

        AutoMtls mtls = AutoMtls.trusting(host.certificatePem(), Optional.empty());

        assertNotEquals(host.certificate(), mtls.serverCertificate());
    }

    @Test
    public void servesWithTheCertificateItWasGiven() {
        EphemeralCertificate host = EphemeralCertificate.generate();
        EphemeralCertificate own = EphemeralCertificate.generate();

        AutoMtls mtls = AutoMtls.trusting(host.certificatePem(), Optional.of(own));

        assertSame(own, mtls.own());
        assertEquals(List.of(host.certificate()), mtls.trusted());
    }

    @Test
    public void aProcessCallingItselfTrustsOnlyItsOwnCertificate() {
        EphemeralCertificate own = EphemeralCertificate.generate();

        AutoMtls mtls = AutoMtls.trustingItself(own);

        assertEquals(own.certificate(), mtls.serverCertificate());
        assertEquals(List.of(own.certificate()), mtls.trusted());
    }

    @Test
    public void aClientCertificateThatIsNotPemIsNamed() {
        PluginStartException error = assertThrows(PluginStartException.class,
                () -> AutoMtls.parseCertificates("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"));
        assertThat(error.getMessage(), containsString("PLUGIN_CLIENT_CERT is set but is not a PEM certificate"));
    }

    @Test
    public void aClientCertificateWithoutAnyCertificateIsNamed() {
        PluginStartException error = assertThrows(PluginStartException.class, () -> AutoMtls.parseCertificates(""));
        assertThat(error.getMessage(), containsString("PLUGIN_CLIENT_CERT"));
    }
}
