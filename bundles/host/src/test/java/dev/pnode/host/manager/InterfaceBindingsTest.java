package dev.pnode.host.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginInterface;
import java.util.Optional;
import org.junit.Test;

public class InterfaceBindingsTest {

    private final FakeOsgi osgi = new FakeOsgi();
    private final InterfaceBindings bindings = new InterfaceBindings();

    private InterfaceBinding binding(String key) {
        return new InterfaceBinding(new GreetingInterface(), osgi.<PluginInterface>reference(), key);
    }

    @Test
    public void theFirstBundleToRegisterAKeyProvidesItUntilItGoes() {
        InterfaceBinding first = binding("helloworld");
        InterfaceBinding second = binding("helloworld");

        assertTrue(bindings.add(first));
        assertFalse("a second bundle for the same key is ignored", bindings.add(second));
        assertSame(first, bindings.get("helloworld").orElseThrow());
        assertFalse("the ignored one's departure changes nothing", bindings.remove(second));
        assertTrue(bindings.remove(first));
        assertEquals(Optional.empty(), bindings.get("helloworld"));
    }

    @Test
    public void theMissingInterfaceMessageListsTheInstalledOnesSorted() {
        assertEquals("no bundle provides plugin interface 'security' (installed interfaces: none)",
                bindings.missingMessage("security"));
        bindings.add(binding("kvstore"));
        bindings.add(binding("helloworld"));
        assertEquals("no bundle provides plugin interface 'security' (installed interfaces: helloworld, kvstore)",
                bindings.missingMessage("security"));
    }

    @Test
    public void theWaitForInterfacesEndsOnce() {
        assertFalse(bindings.waitEnded());
        assertTrue(bindings.endWait());
        assertFalse("only the first call ends it", bindings.endWait());
        assertTrue(bindings.waitEnded());
    }
}
