package dev.pnode.example.kvstore.internal;

import dev.pnode.api.Handshake;
import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginInterface;
import dev.pnode.api.gateway.QuorumInitializer;
import dev.pnode.example.kvstore.KeyValueStore;
import java.util.List;
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
        QuorumInitializer.initialize(connection, KEY);
        return new KeyValueStoreGateway(connection.channel(), connection.callTimeout());
    }
}
