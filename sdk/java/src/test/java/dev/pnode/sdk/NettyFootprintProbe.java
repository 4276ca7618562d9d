package dev.pnode.sdk;

import dev.pnode.wire.AutoMtls;
import dev.pnode.wire.EphemeralCertificate;
import java.util.List;
import java.util.Optional;

/**
 * Run by {@link NettyFootprintTest} in a fresh JVM: what a plugin does up to its TLS server, on netty (no argument)
 * or, with the argument {@code okhttp}, started on grpc-okhttp.
 */
public final class NettyFootprintProbe {

    private NettyFootprintProbe() {
    }

    public static void main(String[] arguments) throws Exception {
        EphemeralCertificate own = EphemeralCertificate.generate();
        if (arguments.length > 0 && arguments[0].equals("okhttp")) {
            OkHttpTransport.serve(new PluginEnvironment.PortRange(0, 0),
                    Optional.of(new dev.pnode.sdk.AutoMtls(own, List.of(own.certificate()))), builder -> { }).stop(0);
            return;
        }
        NettyFootprint.apply();
        AutoMtls.server(own, List.of(own.certificate()));
    }
}
