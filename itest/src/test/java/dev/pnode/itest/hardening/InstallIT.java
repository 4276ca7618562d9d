package dev.pnode.itest.hardening;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pnode.api.InstalledPlugin;
import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginRegistry;
import dev.pnode.itest.osgi.PluginStates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * {@code plugin:install} on a running node, against the distribution's embedded signed central: verified with the
 * central's online key and with a local key file, refused with a wrong key, never started.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InstallIT {

    @Inject
    private BundleContext context;

    @Inject
    private PluginAdmin admin;

    @Inject
    private PluginRegistry registry;

    @Inject
    private CommandProcessor commands;

    private Path settings;
    private String originalSettings;

    @Configuration
    public Option[] config() {
        return dev.pnode.itest.osgi.PnodeContainer.node(List.of("pnode"),
                dev.pnode.itest.osgi.PnodeContainer.defaultPluginSettings("en"));
    }

    @Before
    public void rememberTheSettings() throws Exception {
        PluginStates.awaitRunning(registry, "helloworld");
        settings = Path.of(context.getProperty("pnode.plugins"));
        originalSettings = Files.readString(settings);
    }

    @After
    public void restoreTheSettings() throws Exception {
        Files.writeString(settings, originalSettings);
    }

    @Test
    public void theShellCommandDownloadsVerifiesAndShowsProgressWithoutStarting() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        String result;
        try (CommandSession session = commands.createSession(System.in, new PrintStream(console, true),
                new PrintStream(console, true))) {
            result = String.valueOf(session.execute("plugin:install helloworld-node 1.0.0"));
        }
        Path zip = baseDir().resolve("helloworld-node-1.0.0.zip");

        assertTrue(result, result.startsWith("helloworld-node 1.0.0: downloaded, verified and installed as " + zip));
        String shown = console.toString(StandardCharsets.UTF_8);
        assertTrue(shown, shown.contains("downloading file:"));
        assertTrue(shown, shown.contains("100% "));
        assertTrue(Files.isRegularFile(zip));
        assertTrue(Files.isRegularFile(baseDir().resolve("helloworld-node-1.0.0.zip.sha256")));
        assertTrue("installing starts nothing", registry.plugin("helloworld-node").isEmpty());
        assertEquals(List.of("helloworld"), registry.plugins().stream().map(p -> p.interfaceKey()).toList());

        InstalledPlugin again = admin.install("helloworld-node", "1.0.0");
        assertFalse("the second install finds the checked zip", again.downloaded());
    }

    @Test
    public void aLocalKeyFileVerifiesTheDownload() throws Exception {
        Path baseDir = Files.createTempDirectory("pnode-install-");
        writeCentral(baseDir, "\"publicKeyFile\":\"" + distribution().resolve("central/gpg.key") + "\"");

        InstalledPlugin installed = admin.install("helloworld", "1.0.0");

        assertEquals(new InstalledPlugin("helloworld", "1.0.0", baseDir.resolve("helloworld-1.0.0.zip"), true),
                installed);
    }

    @Test
    public void aWrongLocalKeyFileIsRefusedAndInstallsNothing() throws Exception {
        Path baseDir = Files.createTempDirectory("pnode-install-");
        Path notTheKey = Files.writeString(baseDir.resolveSibling(baseDir.getFileName() + ".asc"),
                "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PUBLIC KEY BLOCK-----\n");
        writeCentral(baseDir, "\"publicKeyFile\":\"" + notTheKey + "\"");

        String message = assertThrows(PluginException.class, () -> admin.install("helloworld", "1.0.0")).getMessage();

        assertTrue(message, message.startsWith("installing plugin helloworld 1.0.0 from the plugin central failed: "));
        try (Stream<Path> files = Files.list(baseDir)) {
            assertEquals("nothing is left in the plugin directory", List.of(), files.toList());
        }
    }

    private Path baseDir() {
        return Path.of(context.getProperty("pnode.datadir"), "plugins");
    }

    private static Path distribution() {
        return Path.of(System.getProperty("pnode.distribution"));
    }

    /** The original settings with another base directory and extra keys in {@code central}. */
    private void writeCentral(Path baseDir, String extraCentralKeys) throws Exception {
        JsonObject changed = JsonParser.parseString(originalSettings).getAsJsonObject();
        changed.addProperty("baseDir", baseDir.toString());
        JsonObject extra = JsonParser.parseString("{" + extraCentralKeys + "}").getAsJsonObject();
        extra.entrySet().forEach(entry -> changed.getAsJsonObject("central").add(entry.getKey(), entry.getValue()));
        Files.writeString(settings, changed.toString());
    }
}
