package dev.pnode.example.kvstore.internal;

import com.google.protobuf.ByteString;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import dev.pnode.api.Handshake;
import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginInterface;
import dev.pnode.example.kvstore.KeyValueStore;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Component;

/**
 * Makes the kvstore interface known to the plugin host (whiteboard): plugins configured under the key
 * {@code kvstore} serve {@code kvstore.KeyValueStore} and become {@link KeyValueStore} services.
 */
@Component(service = PluginInterface.class)
public final class KeyValueStoreInterface implements PluginInterface {

    static final String KEY = "kvstore";

    /** kvstore plugins refuse to start without this cookie, so a helloworld plugin cannot be run as one. */
    static final Handshake HANDSHAKE = new Handshake(1, "KVSTORE_PLUGIN_MAGIC_COOKIE",
            "2541A81B84BD0B2C48AF915C6E5720F513A07B4E121615B8A3EE52D706B251B3");

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<?> contract() {
        return KeyValueStore.class;
    }

    @Override
    public List<String> grpcServices() {
        return List.of("kvstore.KeyValueStore");
    }

    @Override
    public Handshake handshake() {
        return HANDSHAKE;
    }

    /** Initialises the freshly started plugin with the node identity and its config, then hands out a gateway. */
    @Override
    public KeyValueStore connect(PluginConnection connection) throws PluginException {
        PluginInitialization.Request init = PluginInitialization.Request.newBuilder()
                .setHostIdentity(connection.hostIdentity())
                .setRawConfiguration(ByteString.copyFrom(connection.rawConfiguration()))
                .build();
        try {
            PluginInitializerGrpc.newBlockingStub(connection.channel())
                    .withDeadlineAfter(connection.callTimeout().toNanos(), TimeUnit.NANOSECONDS)
                    .init(init);
        } catch (StatusRuntimeException e) {
            throw new PluginException(KeyValueStoreGateway.describe("Init", e, connection.callTimeout()), e);
        }
        return new KeyValueStoreGateway(connection.channel(), connection.callTimeout());
    }
}
