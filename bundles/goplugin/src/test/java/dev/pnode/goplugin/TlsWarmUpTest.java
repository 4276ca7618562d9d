package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;

import dev.pnode.wire.AutoMtls;
import dev.pnode.wire.EphemeralCertificate;
import io.grpc.netty.shaded.io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.Test;

public class TlsWarmUpTest {

    private static final EphemeralCertificate HOST = EphemeralCertificate.generate();
    private static final EphemeralCertificate PLUGIN = EphemeralCertificate.generate();

    /** The warm-up is worth its CPU only if it runs the handshake a plugin start runs: mutual TLS 1.3 with AutoMTLS. */
    @Test
    public void handshakesAsAPluginStartDoes() throws Exception {
        SSLEngine client = AutoMtls.client(PLUGIN.certificate(), HOST).newEngine(UnpooledByteBufAllocator.DEFAULT);
        SSLEngine server = AutoMtls.server(PLUGIN, List.of(HOST.certificate()))
                .newEngine(UnpooledByteBufAllocator.DEFAULT);

        TlsWarmUp.handshake(client, server);

        assertEquals("TLSv1.3", client.getSession().getProtocol());
        assertEquals(PLUGIN.certificate(), client.getSession().getPeerCertificates()[0]);
        assertEquals(HOST.certificate(), server.getSession().getPeerCertificates()[0]);
        assertEquals("h2", client.getApplicationProtocol());
    }
}
