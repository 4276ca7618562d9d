package dev.pnode.api.gateway;

import com.google.protobuf.ByteString;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;

/** Quorum's {@code proto_common.PluginInitializer/Init}, which every Quorum plugin expects once per start. */
public final class QuorumInitializer {

    private QuorumInitializer() {
    }

    /**
     * Hands the plugin the node's identity and its resolved config, within the call timeout.
     *
     * @throws PluginException naming the plugin and the plugin's reason when it refuses
     */
    public static void initialize(PluginConnection connection, String interfaceKey) throws PluginException {
        PluginInitialization.Request init = PluginInitialization.Request.newBuilder()
                .setHostIdentity(connection.hostIdentity())
                .setRawConfiguration(ByteString.copyFrom(connection.rawConfiguration()))
                .build();
        try {
            PluginInitializerGrpc.newBlockingStub(connection.channel())
                    .withDeadlineAfter(connection.callTimeout().toNanos(), TimeUnit.NANOSECONDS)
                    .init(init);
        } catch (StatusRuntimeException e) {
            throw new PluginException(CallFailures.describe(interfaceKey, "Init", e, connection.callTimeout()), e);
        }
    }
}
