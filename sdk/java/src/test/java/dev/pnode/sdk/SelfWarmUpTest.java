package dev.pnode.sdk;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.wire.EphemeralCertificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SelfWarmUpTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder(Path.of("/tmp").toFile());

    @Test
    public void callsItsOwnHealthServiceOverAutoMtlsAndLeavesNoSocketBehind() throws Exception {
        for (String transport : new String[] {"unix", "tcp"}) {
            PluginEnvironment host = new PluginEnvironment(Map.of("PLUGIN_UNIX_SOCKET_DIR", temp.getRoot().toString(),
                    "PLUGIN_CLIENT_CERT", "the host's certificate, not used by the warm-up",
                    "PNODE_PLUGIN_TRANSPORT", transport));

            int answered = SelfWarmUp.run(host, EchoPlugin.HANDSHAKE, Duration.ofMillis(300),
                    EphemeralCertificate.generate());

            assertTrue(transport + ": at least one health check per caller, was " + answered,
                    answered >= SelfWarmUp.CALLERS);
            assertArrayEquals(transport + ": its private socket is gone", new String[0], temp.getRoot().list());
        }
    }
}
