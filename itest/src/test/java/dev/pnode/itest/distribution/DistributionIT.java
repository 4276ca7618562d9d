package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The distribution as a user runs it: {@code bin/pnode} started as a process and stopped with SIGTERM. */
public class DistributionIT {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void helpDocumentsTheMainFlagsAndExitsZero() throws Exception {
        String help = NodeProcess.run("--help");

        assertTrue(help, help.contains("--datadir"));
        assertTrue(help, help.contains("--config"));
        assertTrue(help, help.contains("--plugins"));
        assertTrue(help, help.contains("--verbosity"));
        // HotSpot announces a compiler directives file on the JVM's output: bin/pnode gives it to node starts only
        assertFalse(help, help.contains("compiler directives"));
        assertFalse(NodeProcess.run("version").contains("compiler directives"));
    }

    @Test
    public void defaultNodeServesTheHelloworldPluginAndStopsCleanlyOnSigterm() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive")) {
            node.awaitLine("pnode started in", 120);

            String greeting = NodeProcess.run("rpc", "--datadir", dataDir.toString(),
                    "plugin@helloworld_greeting", "[\"world\"]");
            assertTrue(greeting, greeting.contains("Hello world!"));
            List<ProcessHandle> plugins = node.handle().descendants().collect(Collectors.toList());
            assertFalse("the helloworld plugin should run as a child process", plugins.isEmpty());
            // without it a node's first plugin reload deoptimised every caller's compiled path (bin/pnode says why)
            List<String> jvmOptions = List.of(node.handle().info().arguments().orElse(new String[0]));
            assertTrue("the node's JVM compiles branches not taken yet: " + jvmOptions,
                    jvmOptions.contains("-XX:PerMethodTrapLimit=0"));
            // C2 later: the boot's code stays with C1 (bin/pnode says why)
            assertTrue("the node's JVM leaves the boot's code to C1: " + jvmOptions,
                    jvmOptions.contains("-XX:Tier4InvocationThreshold=15000"));
            // and C2 never compiles the code only the boot runs (etc/compiler-directives.json says which)
            Path directives = NodeProcess.DISTRIBUTION.toRealPath().resolve("etc/compiler-directives.json");
            assertTrue("the node's JVM keeps C2 off the boot-only code: " + jvmOptions,
                    jvmOptions.contains("-XX:CompilerDirectivesFile=" + directives));
            assertTrue(node.output(), node.output().contains("1 compiler directives added"));
            // which HotSpot prints on standard error, with the node's log, not on the console's standard output
            assertTrue("the node's JVM prints its own messages on standard error: " + jvmOptions,
                    jvmOptions.contains("-XX:+DisplayVMOutputToStderr"));
            // the boot's garbage in a few collections (bin/pnode says why)
            assertTrue("the node's JVM starts with a young generation of 16 MB: " + jvmOptions,
                    jvmOptions.contains("-XX:NewSize=16m"));
            // the plugin channel's TLS set-up did not start the Flight Recorder for netty's allocator events
            // (bin/pnode says why); fails too if a netty upgrade renames the property bin/pnode sets
            String loadedClasses = jcmd(node.handle().pid(), "VM.class_hierarchy");
            assertTrue(loadedClasses, loadedClasses.contains("java.lang.Object"));
            assertFalse("the node set up the Flight Recorder's metadata",
                    loadedClasses.contains("jdk.jfr.internal.MetadataRepository"));

            assertEquals("exit code after SIGTERM\n" + node.output(), 0, node.terminate(30));
            assertTrue("plugin processes outlived the node: " + plugins,
                    plugins.stream().noneMatch(ProcessHandle::isAlive));
        }
        assertTrue("log file under the data directory", Files.isRegularFile(dataDir.resolve("logs/pnode.log")));
    }

    @Test
    public void afterTheNodeIsKilledWithSigkillTheNextStartLeavesNoOrphanPlugin() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        // go-plugin 1.0.x plugins do not watch their host: only the next start can clean them up
        Path settings = Files.writeString(temp.getRoot().toPath().resolve("plugins.json"),
                "{\"baseDir\":\"" + System.getProperty("pnode.itest.plugins", "target/plugins") + "\","
                        + "\"providers\":{\"helloworld\":{\"name\":\"helloworld-go\",\"version\":\"1.0.0\",\"config\":{\"language\":\"en\"}}}}");
        List<ProcessHandle> orphans;
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--plugins", settings.toString(),
                "--nointeractive")) {
            node.awaitLine("pnode started in", 120);
            orphans = node.handle().descendants().collect(Collectors.toList());
            assertFalse("the plugin should run as a child process", orphans.isEmpty());
            node.handle().destroyForcibly();
            node.handle().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--plugins", settings.toString(),
                "--nointeractive")) {
            node.awaitLine("pnode started in", 120);
            assertTrue("plugin processes of the killed node still run 10 s after the next start: " + orphans,
                    NodeProcess.awaitEnded(orphans, 10_000));
            String greeting = NodeProcess.run("rpc", "--datadir", dataDir.toString(),
                    "plugin@helloworld_greeting", "[\"again\"]");
            assertTrue(greeting, greeting.contains("Hello again!"));
            assertEquals("exit code after SIGTERM\n" + node.output(), 0, node.terminate(30));
        }
    }

    @Test
    public void aPluginPublishedWithTheCentralToolIsDownloadedVerifiedAndServed() throws Exception {
        Path root = temp.getRoot().toPath();
        Path keys = root.resolve("keys");
        Path central = root.resolve("central");
        NodeProcess.run("central", "keygen", "--out", keys.toString(), "--name", "test central");
        NodeProcess.run("central", "publish", "--zip",
                Path.of(System.getProperty("pnode.itest.plugins", "target/plugins"), "helloworld-1.0.0.zip").toString(),
                "--key", keys.resolve("secret-key.asc").toString(), "--out", central.toString());
        Path settings = Files.writeString(root.resolve("plugins.json"),
                "{\"central\":{\"baseURL\":\"" + central.toUri() + "\"},"
                        + "\"providers\":{\"helloworld\":{\"name\":\"helloworld\",\"version\":\"1.0.0\","
                        + "\"config\":{\"language\":\"es\"}}}}");
        Path dataDir = root.resolve("data");

        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--plugins", settings.toString(),
                "--nointeractive")) {
            node.awaitLine("pnode started in", 120);
            String greeting = NodeProcess.run("rpc", "--datadir", dataDir.toString(),
                    "plugin@helloworld_greeting", "[\"central\"]");
            assertTrue(greeting, greeting.contains("Hola central!"));
            assertEquals(0, node.terminate(30));
        }

        deleteRecursively(central);
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--plugins", settings.toString(),
                "--nointeractive")) {
            node.awaitLine("pnode started in", 120);
            String greeting = NodeProcess.run("rpc", "--datadir", dataDir.toString(),
                    "plugin@helloworld_greeting", "[\"cache\"]");
            assertTrue("a second start uses the verified zip without the central: " + greeting,
                    greeting.contains("Hola cache!"));
            assertEquals(0, node.terminate(30));
        }
        assertTrue("the verified zip and its digest record are installed in the default base directory",
                Files.isRegularFile(dataDir.resolve("plugins/helloworld-1.0.0-linux-amd64.zip"))
                        || Files.isRegularFile(dataDir.resolve("plugins/helloworld-1.0.0.zip")));
    }

    @Test
    public void httpServesPluginsButAdminOnlyWhenEnabled() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        int port = freePort();
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive", "--http",
                "--http.port", Integer.toString(port))) {
            node.awaitLine("pnode started in", 120);
            assertTrue(post(port, "plugin@helloworld_greeting", "[\"http\"]").contains("Hello http!"));
            String refused = post(port, "admin_nodeInfo", "[]");
            assertTrue(refused, refused.contains("\"error\"") && refused.contains("admin"));
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(health.body(), 200, health.statusCode());
            assertEquals("{\"status\":\"ok\"}", health.body());
            assertEquals(0, node.terminate(30));
        }
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive", "--http",
                "--http.port", Integer.toString(port), "--http.api", "rpc,admin,plugin@*")) {
            node.awaitLine("pnode started in", 120);
            String info = post(port, "admin_nodeInfo", "[]");
            assertTrue(info, info.contains("\"result\"") && info.contains("helloworld"));
            assertEquals(0, node.terminate(30));
        }
    }

    private static String post(int port, String method, String params) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The output of a diagnostic command run in the JVM {@code pid} by the JDK's jcmd (the JDK running this test). */
    private static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(output, 0, process.waitFor());
        return output;
    }

    private static void deleteRecursively(Path directory) throws Exception {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
