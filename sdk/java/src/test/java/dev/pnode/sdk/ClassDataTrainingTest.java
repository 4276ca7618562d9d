package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.pnode.wire.EphemeralCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class ClassDataTrainingTest {

    @Test
    public void theTrainingRunIsItsOwnHostWithTheRestOfTheHostsEnvironment() {
        EphemeralCertificate own = EphemeralCertificate.generate();
        Map<String, String> training = ClassDataTraining.trainingEnvironment(Map.of(
                "PLUGIN_CLIENT_CERT", "the real host's certificate",
                "PLUGIN_UNIX_SOCKET_DIR", "/run/host-sockets",
                "PLUGIN_UNIX_SOCKET_GROUP", "hosts",
                "PNODE_PLUGIN_TRANSPORT", "tcp",
                "PLUGIN_PROTOCOL_VERSIONS", "1"), EchoPlugin.HANDSHAKE, own, Path.of("/tmp/training-sockets"));

        assertEquals(EchoPlugin.HANDSHAKE.magicCookieValue(), training.get(EchoPlugin.HANDSHAKE.magicCookieKey()));
        assertEquals(own.certificatePem(), training.get("PLUGIN_CLIENT_CERT"));
        assertEquals("/tmp/training-sockets", training.get("PLUGIN_UNIX_SOCKET_DIR"));
        assertFalse(training.containsKey("PLUGIN_UNIX_SOCKET_GROUP"));
        assertEquals("the same transport as the real run", "tcp", training.get("PNODE_PLUGIN_TRANSPORT"));
        assertEquals("1", training.get("PLUGIN_PROTOCOL_VERSIONS"));
    }

    @Test
    public void trainsOnTheTransportTheHostsRunServesOnNotTheOneItsOwnCertificateWouldChoose() {
        EphemeralCertificate own = EphemeralCertificate.generate();
        assertEquals("plaintext host: unix", "unix", ClassDataTraining.trainingEnvironment(Map.of(),
                EchoPlugin.HANDSHAKE, own, Path.of("/tmp/t")).get("PNODE_PLUGIN_TRANSPORT"));
        assertEquals("AutoMTLS host: tcp", "tcp", ClassDataTraining.trainingEnvironment(Map.of(
                "PLUGIN_CLIENT_CERT", "pem"), EchoPlugin.HANDSHAKE, own, Path.of("/tmp/t")).get("PNODE_PLUGIN_TRANSPORT"));
    }

    @Test
    public void aTrainingRunServesCallsItselfAndExitsZeroWithoutAWordOnStdout() throws Exception {
        for (String transport : List.of("unix", "tcp")) {
            List<String> command = new ArrayList<>(PluginHarness.javaCommand(EchoPlugin.class));
            command.add(1, "-D" + ClassDataTraining.SWITCH + "=true");
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().keySet().removeIf(name -> name.startsWith("PLUGIN_") || name.endsWith("_COOKIE"));
            builder.environment().put("PNODE_PLUGIN_TRANSPORT", transport);
            Process training = builder.start();

            assertTrue(training.waitFor(PluginHarness.START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            String stderr = new String(training.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(transport + ": " + stderr, 0, training.exitValue());
            assertEquals("", new String(training.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(stderr, stderr.contains("class data sharing training calls done"));
        }
    }
}
