package dev.pnode.examples.helloworld;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import dev.pnode.api.Handshake;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.proto.goplugin.Empty;
import dev.pnode.proto.goplugin.GRPCControllerGrpc;
import dev.pnode.sdk.PluginHarness;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The packaged plugin, end to end: unzip helloworld-1.0.0.zip as a host would, run its entrypoint with the Quorum
 * cookie and AutoMTLS, greet, shut it down.
 */
public class HelloWorldZipIT {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder(Path.of("/tmp").toFile());

    private PluginHarness plugin;

    @After
    public void stopPlugin() {
        if (plugin != null) {
            plugin.close();
        }
    }

    @Test
    public void theZipHoldsMetadataEntrypointAndJarAtItsRoot() throws IOException {
        Path directory = unzip();

        assertEquals(Set.of("plugin-meta.json", "helloworld", "class-data-sharing.sh", "helloworld.jar"), Set.of(
                directory.toFile().list()));
        JsonObject meta = JsonParser.parseString(Files.readString(directory.resolve("plugin-meta.json")))
                .getAsJsonObject();
        assertEquals("helloworld", meta.get("name").getAsString());
        assertEquals("1.0.0", meta.get("version").getAsString());
        assertEquals("helloworld", meta.get("entrypoint").getAsString());
        assertEquals(0, meta.get("parameters").getAsJsonArray().size());
        assertTrue("entrypoint executable", Files.isExecutable(directory.resolve("helloworld")));
    }

    @Test
    public void greetsOverMutualTlsAndExitsOnShutdown() throws Exception {
        Path directory = unzip();
        startWithAutoMtls(directory, Map.of());
        assertEquals("AutoMTLS on grpc-okhttp's TCP server, the SDK's default", "tcp", plugin.handshake().network());
        assertTrue("plugin sent its certificate", plugin.handshake().serverCertificate().isPresent());
        ManagedChannel channel = plugin.channel();

        assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("plugin").build()).getStatus());

        greetAndShutDown(plugin, "en", "Hello world!");
    }

    @Test
    public void compilesWithC1OnlyOnOneCompilerThread() throws Exception {
        Path directory = unzip();
        startWithAutoMtls(directory, Map.of());

        // a tiered JVM (C2 on) always runs a thread named "C2 CompilerThread0", Linux shows its first 15 characters
        List<String> compilerThreads = threadNames(plugin.process().pid()).stream()
                .filter(name -> name.contains("CompilerThre")).toList();
        assertEquals(List.of("C1 CompilerThre"), compilerThreads);
        greetAndShutDown(plugin, "en", "Hello world!");
    }

    @Test
    public void aSecondStartMapsTheClassDataSharingArchiveTheFirstStartTrained() throws Exception {
        Path directory = unzip();
        Path cache = temp.newFolder("cache").toPath();

        PluginHarness first = startWithCache(directory, cache);
        greetAndShutDown(first);
        assertStderrShows(first, "class data sharing archive written in");
        Path archive = onlyArchive(cache);

        PluginHarness second = startWithCache(directory, cache);
        assertTrue("the archive among the plugin's mappings", Files.readString(Path.of("/proc",
                String.valueOf(second.process().pid()), "maps")).contains(archive.toString()));
        greetAndShutDown(second);
        assertFalse("no training run: " + second.stderrLines(), second.stderrLines().stream()
                .anyMatch(line -> line.contains("training")));
        assertEquals(archive, onlyArchive(cache));
    }

    @Test
    public void anArchiveOfAnotherJdkBuildIsIgnoredDeletedAndTrainedAgain() throws Exception {
        Path directory = unzip();
        Path cache = temp.newFolder("cache").toPath();
        greetAndShutDown(startWithCache(directory, cache));
        Path archive = onlyArchive(cache);
        byte[] bytes = Files.readAllBytes(archive);
        int ident = new String(bytes, 0, 4096, StandardCharsets.ISO_8859_1).indexOf("OpenJDK");
        assertTrue("the archive names the JVM that made it", ident > 0);
        bytes[ident] = 'X'; // "XpenJDK ...": what the archive of another JDK build carries
        Files.write(archive, bytes);

        PluginHarness stale = startWithCache(directory, cache);
        assertFalse("not mapped", Files.readString(Path.of("/proc", String.valueOf(stale.process().pid()), "maps"))
                .contains(archive.toString()));
        greetAndShutDown(stale);
        assertStderrShows(stale, "class data sharing archive " + archive + " was not used by this JVM");
        assertFalse("deleted", Files.exists(archive));

        greetAndShutDown(startWithCache(directory, cache));
        assertEquals("trained again", archive, onlyArchive(cache));
    }

    private PluginHarness startWithAutoMtls(Path directory, Map<String, String> moreEnvironment) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(
                Handshake.QUORUM.magicCookieKey(), Handshake.QUORUM.magicCookieValue(),
                "PLUGIN_PROTOCOL_VERSIONS", "1",
                "PLUGIN_UNIX_SOCKET_DIR", temp.getRoot().toString()));
        environment.putAll(moreEnvironment);
        plugin = PluginHarness.start(List.of(directory.resolve("helloworld").toString()), environment,
                Optional.of(EphemeralCertificate.generate()));
        return plugin;
    }

    private PluginHarness startWithCache(Path directory, Path cache) throws Exception {
        return startWithAutoMtls(directory, Map.of("PNODE_PLUGIN_CACHE_DIR", cache.toString()));
    }

    private static void greetAndShutDown(PluginHarness started) throws Exception {
        greetAndShutDown(started, "es", "Hola world!");
    }

    /** Init with {@code language}, one greeting answered {@code expected}, Shutdown, exit 0. */
    private static void greetAndShutDown(PluginHarness started, String language, String expected) throws Exception {
        ManagedChannel channel = started.channel();
        PluginInitializerGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .init(PluginInitialization.Request.newBuilder().setHostIdentity("it-node")
                        .setRawConfiguration(ByteString.copyFrom("{\"language\":\"" + language + "\"}",
                                StandardCharsets.UTF_8))
                        .build());
        assertEquals(expected, PluginGreetingGrpc.newBlockingStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .greeting(PluginHelloWorld.Request.newBuilder().setMsg("world").build()).getMsg());
        GRPCControllerGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .shutdown(Empty.getDefaultInstance());
        assertEquals(0, started.awaitExit());
        started.close();
    }

    /** The plugin's stderr is read on another thread: what it wrote may show a moment after it exited. */
    private static void assertStderrShows(PluginHarness started, String text) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (started.stderrLines().stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" in the plugin's stderr: " + started.stderrLines());
    }

    /** The names of a process's threads, as Linux keeps them (at most 15 characters). */
    private static List<String> threadNames(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return tasks.map(task -> {
                try {
                    return Files.readString(task.resolve("comm")).strip();
                } catch (IOException e) {
                    return ""; // the thread ended while listing
                }
            }).toList();
        }
    }

    private static Path onlyArchive(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> all = files.toList();
            assertEquals("one archive and nothing else: " + all, 1, all.size());
            assertTrue(all.get(0).getFileName().toString().matches("class-data-[0-9]+\\.jsa"));
            return all.get(0);
        }
    }

    /** Extracts the zip keeping the unix modes it stores (java.util.zip would drop the entrypoint's exec bit). */
    private Path unzip() throws IOException {
        Path directory = temp.newFolder("helloworld").toPath();
        try (ZipFile zip = ZipFile.builder().setPath(Path.of(System.getProperty("helloworld.plugin.zip"))).get()) {
            for (ZipArchiveEntry entry : (Iterable<ZipArchiveEntry>) () -> zip.getEntries().asIterator()) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory) || entry.isDirectory()) {
                    throw new IOException("unexpected zip entry " + entry.getName());
                }
                try (InputStream content = zip.getInputStream(entry)) {
                    Files.copy(content, target);
                }
                Files.setPosixFilePermissions(target, permissions(entry.getUnixMode()));
            }
        }
        return directory;
    }

    private static Set<PosixFilePermission> permissions(int unixMode) {
        StringBuilder symbolic = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 0; bit < 9; bit++) {
            symbolic.append((unixMode & (1 << (8 - bit))) != 0 ? letters.charAt(bit) : '-');
        }
        return PosixFilePermissions.fromString(symbolic.toString());
    }
}
