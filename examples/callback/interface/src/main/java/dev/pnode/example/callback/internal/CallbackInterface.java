package dev.pnode.example.callback.internal;

import dev.pnode.api.Handshake;
import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginInterface;
import dev.pnode.example.callback.CallbackGreeter;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * Makes the callback interface known to the plugin host (whiteboard): plugins configured under the key
 * {@code callback} serve {@code callback.Greeter} and become {@link CallbackGreeter} services. The values the host
 * answers the plugin with are this component's {@code value.<key>} properties (configuration PID
 * {@code dev.pnode.example.callback}); {@code greeting} is {@code Hello} unless configured.
 */
@Component(service = PluginInterface.class, configurationPid = CallbackInterface.PID,
        property = HostValues.PROPERTY_PREFIX + CallbackInterface.GREETING_KEY + "=Hello")
public final class CallbackInterface implements PluginInterface {

    static final String KEY = "callback";
    static final String PID = "dev.pnode.example.callback";
    /** The host value the example plugin greets with (its {@code callback.GreetingKey}). */
    static final String GREETING_KEY = "greeting";

    /** callback plugins refuse to start without this cookie (the Go plugin's {@code callback.Handshake}). */
    static final Handshake HANDSHAKE = new Handshake(1, "CALLBACK_PLUGIN_MAGIC_COOKIE",
            "99ABFCD5580C4FF8579C5E0B8883AF7C2BFC3F44E14DFB56535ECE414E6B55F5");

    private volatile Map<String, String> hostValues = Map.of();

    /**
     * Takes the host values from the component properties ({@code value.<key>}); public for hosts and tests that
     * run the interface without DS.
     *
     * @throws IllegalArgumentException naming a property that is not a string or names no key
     */
    @Activate
    @Modified
    public void configure(Map<String, ?> properties) {
        hostValues = HostValues.fromProperties(properties);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<?> contract() {
        return CallbackGreeter.class;
    }

    @Override
    public List<String> grpcServices() {
        return List.of("callback.Greeter");
    }

    @Override
    public Handshake handshake() {
        return HANDSHAKE;
    }

    /** A gateway that serves this component's current host values to the plugin on every greeting. */
    @Override
    public CallbackGreeter connect(PluginConnection connection) {
        return new CallbackGateway(connection.channel(), connection.broker(), new HostValues(() -> hostValues),
                connection.callTimeout());
    }
}
