package dev.pnode.rpc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class EndpointSettingsTest {

    private final Map<String, String> properties = new HashMap<>(Map.of("pnode.datadir", "/var/pnode",
            "pnode.identity", "node-1"));

    @Test
    public void defaultsToIpcInTheDataDirectoryAndNoHttp() {
        EndpointSettings settings = EndpointSettings.from(properties::get);

        assertEquals(Path.of("/var/pnode/pnode.ipc"), settings.ipcPath());
        assertEquals("node-1", settings.identity());
        assertEquals("/var/pnode", settings.datadir());
        assertFalse(settings.http().enabled());
        assertEquals("127.0.0.1", settings.http().host());
        assertEquals(8545, settings.http().port());
        assertEquals("plugin@*,rpc", settings.http().apis().toString());
        assertFalse(settings.http().apis().allows("admin"));
    }

    @Test
    public void takesEveryPropertyGiven() {
        properties.putAll(Map.of("pnode.ipc.path", "/tmp/n.ipc", "pnode.http.enabled", "true",
                "pnode.http.host", "0.0.0.0", "pnode.http.port", "9000", "pnode.http.admin", "TRUE"));

        EndpointSettings settings = EndpointSettings.from(properties::get);

        assertEquals(Path.of("/tmp/n.ipc"), settings.ipcPath());
        assertTrue(settings.http().enabled());
        assertEquals("0.0.0.0", settings.http().host());
        assertEquals(9000, settings.http().port());
        assertTrue(settings.http().apis().allows("admin"));
        assertTrue(settings.http().apis().allows("plugin@helloworld"));
    }

    @Test
    public void takesTheHttpApiListLikeGeth() {
        properties.put("pnode.http.api", "rpc, plugin@helloworld");

        EndpointSettings settings = EndpointSettings.from(properties::get);

        assertTrue(settings.http().apis().allows("plugin@helloworld"));
        assertFalse(settings.http().apis().allows("plugin@kvstore"));
        assertFalse(settings.http().apis().allows("admin"));
    }

    @Test
    public void namesAnUnknownApi() {
        properties.put("pnode.http.api", "rpc,eth");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EndpointSettings.from(properties::get));

        assertEquals("pnode.http.api: unknown API \"eth\": expected admin, rpc, plugin@<interface> or plugin@*",
                e.getMessage());
    }

    @Test
    public void needsSomewhereToPutTheSocket() {
        properties.remove("pnode.datadir");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EndpointSettings.from(properties::get));

        assertEquals("neither pnode.ipc.path nor pnode.datadir is set: the IPC endpoint has nowhere to listen",
                e.getMessage());
    }

    @Test
    public void namesABadPort() {
        for (String port : new String[] {"abc", "-1", "65536", "80.5"}) {
            properties.put("pnode.http.port", port);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EndpointSettings.from(properties::get));
            assertEquals("pnode.http.port must be a port number (0-65535), was \"" + port + "\"", e.getMessage());
        }
    }

    @Test
    public void namesABadFlag() {
        properties.put("pnode.http.admin", "yes");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EndpointSettings.from(properties::get));

        assertEquals("pnode.http.admin must be true or false, was \"yes\"", e.getMessage());
    }
}
