package dev.pnode.helloworld.internal;

import dev.pnode.api.Handshake;
import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginInterface;
import dev.pnode.api.gateway.QuorumInitializer;
import dev.pnode.helloworld.HelloWorld;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Makes the helloworld interface known to the plugin host (whiteboard): plugins configured under the key
 * {@code helloworld} serve Quorum's {@code proto.PluginGreeting} and become {@link HelloWorld} services.
 */
@Component(service = PluginInterface.class)
public final class HelloWorldInterface implements PluginInterface {

    static final String KEY = "helloworld";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<?> contract() {
        return HelloWorld.class;
    }

    @Override
    public List<String> grpcServices() {
        return List.of("proto.PluginGreeting");
    }

    @Override
    public Handshake handshake() {
        return Handshake.QUORUM;
    }

    /** Initialises the freshly started plugin with the node identity and its config, then hands out a gateway. */
    @Override
    public HelloWorld connect(PluginConnection connection) throws PluginException {
        QuorumInitializer.initialize(connection, KEY);
        return new HelloWorldGateway(connection.channel(), connection.callTimeout());
    }
}
