package dev.pnode.itest.hardening;

import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.itest.osgi.PnodeContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** What the hardening tests share: settings variants, waiting on the registry, plugin zips, resource counts. */
final class RunningNode {

    private static final long PATIENCE_SECONDS = 60;

    private RunningNode() {
    }

    /** The distribution's default settings (helloworld from the embedded central) with a restart policy. */
    static String defaultSettingsWithRestartPolicy(int maxRestarts, String window, String maxBackoff) {
        JsonObject settings = JsonParser.parseString(PnodeContainer.defaultPluginSettings("en")).getAsJsonObject();
        JsonObject restart = new JsonObject();
        restart.addProperty("maxRestarts", maxRestarts);
        restart.addProperty("window", window);
        restart.addProperty("maxBackoff", maxBackoff);
        settings.getAsJsonObject("providers").getAsJsonObject("helloworld").add("restart", restart);
        return settings.toString();
    }

    static PluginStatus awaitRunning(PluginRegistry registry, String key) throws InterruptedException {
        return await(registry, key, status -> status.state() == PluginState.RUNNING, "state RUNNING");
    }

    static PluginStatus await(PluginRegistry registry, String key, Predicate<PluginStatus> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        PluginStatus status = registry.plugin(key).orElseThrow();
        while (!condition.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = registry.plugin(key).orElseThrow();
        }
        assertTrue("expected " + what + " of plugin " + key + ", status is " + status, condition.test(status));
        return status;
    }

    /** The example zip built by the reactor ({@code pnode.itest.plugins}). */
    static Path exampleZip() {
        return Path.of(System.getProperty("pnode.itest.plugins", "target/plugins"), "helloworld-1.0.0.zip");
    }

    /**
     * A copy of the example zip as {@code <directory>/helloworld-<fileVersion>.zip} whose plugin-meta.json claims
     * {@code metaVersion}, plus extra raw entries (names are written as given, e.g. {@code ../escaped}).
     */
    static Path helloworldZip(Path directory, String fileVersion, String metaVersion, Map<String, String> extraEntries)
            throws IOException {
        Path target = directory.resolve("helloworld-" + fileVersion + ".zip");
        try (InputStream in = Files.newInputStream(exampleZip());
                ZipInputStream zipIn = new ZipInputStream(in);
                ZipOutputStream zipOut = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = zipIn.getNextEntry(); entry != null; entry = zipIn.getNextEntry()) {
                byte[] content = zipIn.readAllBytes();
                if (entry.getName().equals("plugin-meta.json")) {
                    content = new String(content, StandardCharsets.UTF_8)
                            .replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\":\"" + metaVersion + "\"")
                            .getBytes(StandardCharsets.UTF_8);
                }
                zipOut.putNextEntry(new ZipEntry(entry.getName()));
                zipOut.write(content);
                zipOut.closeEntry();
            }
            for (Map.Entry<String, String> extra : extraEntries.entrySet()) {
                zipOut.putNextEntry(new ZipEntry(extra.getKey()));
                zipOut.write(extra.getValue().getBytes(StandardCharsets.UTF_8));
                zipOut.closeEntry();
            }
        }
        return target;
    }

    /** Live threads of this JVM (the node runs in it). */
    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Open file descriptors of this JVM, from /proc/self/fd. */
    static long openFileDescriptors() {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heap in use after asking for full collections (a hint, hence several, a moment apart). */
    static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
