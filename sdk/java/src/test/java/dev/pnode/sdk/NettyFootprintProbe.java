package dev.pnode.sdk;

import dev.pnode.wire.AutoMtls;
import dev.pnode.wire.EphemeralCertificate;
import java.util.List;

/** Run by {@link NettyFootprintTest} in a fresh JVM: what a plugin does up to its TLS server context. */
public final class NettyFootprintProbe {

    private NettyFootprintProbe() {
    }

    public static void main(String[] arguments) throws Exception {
        NettyFootprint.apply();
        EphemeralCertificate own = EphemeralCertificate.generate();
        AutoMtls.server(own, List.of(own.certificate()));
    }
}
