package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import dev.pnode.api.Handshake;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

public class PluginEnvironmentTest {

    private static final Map<String, String> HOST = Map.of("PATH", "/usr/bin", "HOME", "/home/n", "USER", "n",
            "LANG", "C.UTF-8", "LC_ALL", "C", "TZ", "UTC", "TMPDIR", "/tmp", "JAVA_HOME", "/jdk",
            "AWS_SECRET_ACCESS_KEY", "s3cr3t", "PNODE_RPC_TOKEN", "token");

    private static Map<String, String> build(Map<String, String> extra) {
        return PluginEnvironment.build(HOST, Handshake.QUORUM, extra, "PEM", Path.of("/tmp/pnode-1"), 4242);
    }

    @Test
    public void passesOnlyAllowListedHostVariables() {
        Map<String, String> environment = build(Map.of());
        for (String name : new String[] {"PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "JAVA_HOME"}) {
            assertEquals(name, HOST.get(name), environment.get(name));
        }
        assertFalse(environment.containsKey("AWS_SECRET_ACCESS_KEY"));
        assertFalse(environment.containsKey("PNODE_RPC_TOKEN"));
    }

    @Test
    public void setsGoPluginsVariables() {
        Map<String, String> environment = build(Map.of());
        assertEquals(Handshake.QUORUM.magicCookieValue(), environment.get("QUORUM_PLUGIN_MAGIC_COOKIE"));
        assertEquals("1", environment.get("PLUGIN_PROTOCOL_VERSIONS"));
        assertEquals("10000", environment.get("PLUGIN_MIN_PORT"));
        assertEquals("25000", environment.get("PLUGIN_MAX_PORT"));
        assertEquals("PEM", environment.get("PLUGIN_CLIENT_CERT"));
        assertEquals("/tmp/pnode-1", environment.get("PLUGIN_UNIX_SOCKET_DIR"));
        assertEquals("4242", environment.get("PNODE_HOST_PID"));
        assertEquals(HOST.size() - 2 + 7, environment.size());
    }

    @Test
    public void pointsTmpdirAtThePrivateSocketDirectoryForOldGoPluginsThatPutTheirSocketThere() {
        assertEquals("/tmp/pnode-1", build(Map.of()).get("TMPDIR"));
    }

    @Test
    public void addsTheCallersVariablesAndLetsThemOverrideHostOnes() {
        Map<String, String> environment = build(Map.of("PLUGIN_LOG", "debug", "PATH", "/plugin/bin"));
        assertEquals("debug", environment.get("PLUGIN_LOG"));
        assertEquals("/plugin/bin", environment.get("PATH"));
    }

    @Test
    public void neverLetsTheCallerReplaceTheCookieTheClientCertificateOrTheHostPid() {
        Map<String, String> environment = build(Map.of("QUORUM_PLUGIN_MAGIC_COOKIE", "x", "PLUGIN_CLIENT_CERT", "y",
                "PLUGIN_UNIX_SOCKET_DIR", "/elsewhere", "PNODE_HOST_PID", "1"));
        assertEquals(Handshake.QUORUM.magicCookieValue(), environment.get("QUORUM_PLUGIN_MAGIC_COOKIE"));
        assertEquals("PEM", environment.get("PLUGIN_CLIENT_CERT"));
        assertEquals("/tmp/pnode-1", environment.get("PLUGIN_UNIX_SOCKET_DIR"));
        assertEquals("the plugin must learn the real host's pid", "4242", environment.get("PNODE_HOST_PID"));
    }

    @Test
    public void announcesTheHandshakesProtocolVersion() {
        Map<String, String> environment = PluginEnvironment.build(Map.of(), new Handshake(3, "K", "V"), Map.of(),
                "PEM", Path.of("/d"), 1);
        assertEquals("3", environment.get("PLUGIN_PROTOCOL_VERSIONS"));
        assertEquals("V", environment.get("K"));
    }
}
