package dev.pnode.example.callback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import dev.pnode.example.callback.CallbackGreeter;
import io.grpc.Channel;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class CallbackInterfaceTest {

    @Test
    public void describesTheCallbackInterfaceWithItsOwnCookie() {
        CallbackInterface callback = new CallbackInterface();
        assertEquals("callback", callback.key());
        assertEquals(CallbackGreeter.class, callback.contract());
        assertEquals(List.of("callback.Greeter"), callback.grpcServices());
        assertEquals("CALLBACK_PLUGIN_MAGIC_COOKIE", callback.handshake().magicCookieKey());
    }

    @Test
    public void aHostWithoutABrokerIsToldWhatIsMissing() {
        PluginException e = assertThrows(PluginException.class,
                () -> new CallbackInterface().connect(new PlainConnection()));
        assertTrue(e.getMessage(), e.getMessage().startsWith("plugin callback needs go-plugin's broker to call back "
                + "into the host, but the host's connection (" + PlainConnection.class.getName()
                + ") does not offer one (dev.pnode.goplugin.BrokeredConnection)"));
    }

    /** A connection as a host without broker support would hand over. */
    private record PlainConnection(Channel channel, String pluginName, String pluginVersion, String hostIdentity,
            byte[] rawConfiguration, Duration callTimeout) implements PluginConnection {

        PlainConnection() {
            this(null, "callback-go", "1.0.0", "node-1", new byte[0], Duration.ofSeconds(5));
        }
    }
}
