package dev.pnode.rpc.methods;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ApiSelectionTest {

    @Test
    public void selectsNamedNamespaces() {
        ApiSelection apis = ApiSelection.parse("admin,plugin@helloworld");

        assertTrue(apis.allows("admin"));
        assertTrue(apis.allows("plugin@helloworld"));
        assertFalse(apis.allows("plugin@kvstore"));
    }

    @Test
    public void selectsEveryPluginWithAWildcard() {
        ApiSelection apis = ApiSelection.parse("plugin@*");

        assertTrue(apis.allows("plugin@helloworld"));
        assertTrue(apis.allows("plugin@kvstore"));
        assertFalse(apis.allows("admin"));
    }

    @Test
    public void alwaysServesRpc() {
        assertTrue(ApiSelection.parse("").allows("rpc"));
    }

    @Test
    public void toleratesSpacesAndEmptyEntries() {
        assertEquals("admin,rpc", ApiSelection.parse(" rpc , ,admin,").toString());
    }

    @Test
    public void allSelectsEverything() {
        assertTrue(ApiSelection.ALL.allows("admin"));
        assertTrue(ApiSelection.ALL.allows("plugin@anything"));
    }

    @Test
    public void namesWhatIsNotANamespace() {
        for (String bad : new String[] {"eth", "plugin@", "plugin@a b", "admin_nodeInfo", "*"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiSelection.parse(bad));
            assertEquals("unknown API \"" + bad + "\": expected admin, rpc, plugin@<interface> or plugin@*",
                    e.getMessage());
        }
    }
}
