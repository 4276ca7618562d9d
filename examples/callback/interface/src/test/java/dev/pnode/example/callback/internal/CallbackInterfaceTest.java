package dev.pnode.example.callback.internal;

import static org.junit.Assert.assertEquals;

import dev.pnode.example.callback.CallbackGreeter;
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
}
