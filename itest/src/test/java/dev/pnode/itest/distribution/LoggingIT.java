package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The node's log file holds what every bundle logs: Felix SCR's errors about a bundle's component too. */
public class LoggingIT {

    private static final String FAILING_BUNDLE = "dev.pnode.itest.failing";

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aComponentWhoseActivateThrowsIsReportedInTheLogFileWithItsBundleName() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive",
                "--plugins", noPlugins().toString())) {
            node.awaitLine("pnode started in", 120);

            deploy(failingComponentBundle(), dataDir.resolve("deploy/failing.jar"));

            Path logFile = dataDir.resolve("logs/pnode.log");
            String line = awaitLogLine(logFile, "ERROR [" + FAILING_BUNDLE + "]");
            assertTrue("SCR's message names the component: " + line, line.contains("failing"));
            String log = Files.readString(logFile);
            assertTrue("with the exception the component threw:\n" + log, log.contains(
                    "java.lang.IllegalStateException: " + FailingActivateComponent.FAILURE));
            assertEquals(0, node.terminate(30));
        }
    }

    @Test
    public void jsonFormatWritesOneJsonObjectPerLineToTheLogFile() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive",
                "--plugins", noPlugins().toString(), "--log.format", "json")) {
            node.awaitLine("pnode started in", 120);
            assertEquals(0, node.terminate(30));
        }
        List<String> lines = Files.readAllLines(dataDir.resolve("logs/pnode.log"));
        assertTrue(lines.size() > 5);
        for (String line : lines) {
            JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
            assertTrue(line, entry.has("t") && entry.has("lvl") && entry.has("logger") && entry.has("msg"));
        }
        assertTrue("SCR's messages are in the file too", lines.stream()
                .anyMatch(line -> line.contains("\"logger\":\"org.apache.felix.scr\"")));
    }

    private Path noPlugins() throws IOException {
        return Files.writeString(temp.getRoot().toPath().resolve("plugins.json"), "{\"providers\":{}}");
    }

    /** A DS component bundle made here: the compiled test class plus its component description. */
    static byte[] failingComponentBundle() throws IOException {
        String className = FailingActivateComponent.class.getName();
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", FAILING_BUNDLE);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Service-Component", "OSGI-INF/failing.xml");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest);
                InputStream classFile = FailingActivateComponent.class.getResourceAsStream(
                        FailingActivateComponent.class.getSimpleName() + ".class")) {
            jar.putNextEntry(new JarEntry(className.replace('.', '/') + ".class"));
            classFile.transferTo(jar);
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("OSGI-INF/failing.xml"));
            jar.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"failing\""
                    + " immediate=\"true\" activate=\"activate\">\n"
                    + "  <implementation class=\"" + className + "\"/>\n"
                    + "</scr:component>\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Written beside the target and renamed, so that the deploy folder's watcher never sees half a jar. */
    static void deploy(byte[] bundle, Path target) throws IOException {
        Path part = Files.write(target.resolveSibling("." + target.getFileName() + ".part"), bundle);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String awaitLogLine(Path logFile, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(logFile)) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(200);
        }
        fail("no line with '" + text + "' in " + logFile + ":\n" + Files.readString(logFile));
        return null;
    }
}
