package dev.pnode.rpc.methods;

import static org.junit.Assert.assertEquals;

import java.util.Optional;
import org.junit.Test;

public class PluginMethodNameTest {

    @Test
    public void splitsInterfaceAndMethod() {
        assertEquals(Optional.of(new PluginMethodName("helloworld", "greeting")),
                PluginMethodName.parse("plugin@helloworld_greeting"));
    }

    @Test
    public void splitsAtTheLastUnderscoreSoKeysMayHaveUnderscores() {
        assertEquals(Optional.of(new PluginMethodName("key_value", "get")), PluginMethodName.parse("plugin@key_value_get"));
    }

    @Test
    public void printsBackAsTheJsonRpcName() {
        assertEquals("plugin@helloworld_greeting", new PluginMethodName("helloworld", "greeting").toString());
        assertEquals("plugin@helloworld", PluginMethodName.module("helloworld"));
    }

    @Test
    public void refusesWhatIsNotAPluginMethodName() {
        for (String name : new String[] {"admin_nodeInfo", "plugin@", "plugin@helloworld", "plugin@helloworld_",
                "plugin@_greeting", "plugin@hello world_greeting", "plugin@hello)(x=*_greeting", "plugin@a_Greeting",
                "plugin@helloworld_greet-ing", "plugin@hello*_greeting", "xplugin@helloworld_greeting"}) {
            assertEquals(name, Optional.empty(), PluginMethodName.parse(name));
        }
    }
}
