package dev.pnode.host.manager;

import static dev.pnode.host.manager.RealPlugin.await;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pnode.api.PluginState;
import dev.pnode.host.manager.GreetingInterface.Greeter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The figures of RELIABILITY.md's "failure isolation" section, not a test (surefire does not pick it up by name):
 * recovery of a SIGKILLed healthy plugin (kill, then calls through its contract service until one succeeds) while
 * another plugin is hung in its handshake, frozen by SIGSTOP, crash-looping, or being downloaded from a central that
 * sends one byte a second, and with no other plugin; plus the calls that failed in the first moments of a start and
 * after each kill. Run it with
 * {@code mvn -B -pl bundles/host surefire:test -Dtest=RecoveryBenchmark [-Dpnode.bench.kills=20]} after building
 * {@code examples/helloworld-go} (its zip is the Go plugin measured). Rows can be chosen with
 * {@code -Dpnode.bench.languages=java} and {@code -Dpnode.bench.neighbours=none,frozen}; for an A/B of lowering the
 * CPU priority of failing plugins, {@code -Dpnode.bench.lowerFailingPriority=both} measures every row with it off,
 * then on, and {@code -Dpnode.bench.rounds=2} repeats the whole set (interleaved, as a loaded machine needs).
 */
public class RecoveryBenchmark {

    /**
     * What runs beside the measured plugin. {@code JAVA_CRASH_LOOPING} is not in the default set: the Java helloworld
     * with a config its Init refuses, so it boots a whole plugin JVM and fails again every 0.5 s, and every kill of
     * the measured plugin collides with one of its boots (the worst case of the frozen neighbour, whose boots every
     * ~10 s collide with some kills only).
     */
    private enum Neighbour { NONE, HUNG, FROZEN, CRASH_LOOPING, DOWNLOADING, JAVA_CRASH_LOOPING }

    private static final List<Neighbour> DEFAULT_NEIGHBOURS = List.of(Neighbour.NONE, Neighbour.HUNG, Neighbour.FROZEN,
            Neighbour.CRASH_LOOPING, Neighbour.DOWNLOADING);

    private static final int KILLS = Integer.getInteger("pnode.bench.kills", 20);
    private static final int ROUNDS = Integer.getInteger("pnode.bench.rounds", 1);
    private static final List<String> LANGUAGES = List.of(System.getProperty("pnode.bench.languages", "go,java")
            .split(","));
    private static final List<Neighbour> NEIGHBOURS = System.getProperty("pnode.bench.neighbours", "").isBlank()
            ? DEFAULT_NEIGHBOURS : Arrays.stream(System.getProperty("pnode.bench.neighbours").split(","))
                    .map(name -> Neighbour.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'))).toList();
    /** "true" (the host's default), "false", or "both": off then on for every row. */
    private static final List<Boolean> LOWER_FAILING_PRIORITY = switch (System.getProperty(
            "pnode.bench.lowerFailingPriority", "true")) {
        case "both" -> List.of(false, true);
        case "false" -> List.of(false);
        default -> List.of(true);
    };
    private static final Path GO_ZIP = Path.of(System.getProperty("pnode.bench.goZip",
            "../../examples/helloworld-go/target/helloworld-go-1.0.0-linux-amd64.zip"));
    /** Longer than the 1 s restart window of the measured plugin, so every kill is a first crash (restart at once). */
    private static final long PAUSE_BETWEEN_KILLS_MILLIS = 1_300;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final class OtherInterface extends GreetingInterface {
        @Override
        public String key() {
            return "other";
        }
    }

    @Test
    public void recoveryOfAKilledPluginBesideMisbehavingOnes() throws Exception {
        assertTrue("build examples/helloworld-go first (mvn -B -pl examples/helloworld-go install): " + GO_ZIP
                + " is missing", !LANGUAGES.contains("go") || Files.isRegularFile(GO_ZIP));
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "recovery figures, %s, %d kills each, %d"
                + " cores%n| plugin | beside | lower failing priority | p50 ms | p99 ms | max ms | calls failed after"
                + " the host saw the exit | calls failed at start | load average |%n|---|---|---|---|---|---|---|---|---|%n",
                LocalDateTime.now(), KILLS, Runtime.getRuntime().availableProcessors()));
        for (int round = 0; round < ROUNDS; round++) {
            for (String language : LANGUAGES) {
                for (Neighbour neighbour : NEIGHBOURS) {
                    for (boolean lower : LOWER_FAILING_PRIORITY) {
                        table.append(measure(language, neighbour, lower)).append(System.lineSeparator());
                        System.out.println(table);
                    }
                }
            }
        }
        System.out.println(table);
    }

    private String measure(String language, Neighbour neighbour, boolean lowerFailingPriority) throws Exception {
        Path root = temp.newFolder().toPath();
        Path dataDir = root.resolve("data");
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        String measured = language.equals("go") ? "\"name\":\"helloworld-go\"" : "\"name\":\"helloworld\"";
        Files.copy(language.equals("go") ? GO_ZIP : RealPlugin.HELLOWORLD_ZIP, plugins.resolve(language.equals("go")
                ? "helloworld-go-1.0.0-linux-amd64.zip" : "helloworld-1.0.0.zip"));
        if (!language.equals("java")) {
            Files.copy(RealPlugin.HELLOWORLD_ZIP, plugins.resolve("helloworld-1.0.0.zip"));
        }
        HttpServer trickle = null;
        String central = "";
        String other = "";
        switch (neighbour) {
            case NONE -> { }
            case HUNG -> {
                RealPlugin.scriptPlugin(plugins, "hung", "exec sleep 3600");
                other = ",\"other\":{\"name\":\"hung\",\"version\":\"1.0.0\",\"optional\":true}";
            }
            case FROZEN -> other = ",\"other\":{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"optional\":true}";
            case CRASH_LOOPING -> {
                RealPlugin.scriptPlugin(plugins, "crashing", "exit 3");
                other = ",\"other\":{\"name\":\"crashing\",\"version\":\"1.0.0\",\"optional\":true,"
                        + "\"restart\":{\"maxRestarts\":1000,\"window\":\"10m\",\"maxBackoff\":\"500ms\"}}";
            }
            case JAVA_CRASH_LOOPING -> other = ",\"other\":{\"name\":\"helloworld\",\"version\":\"1.0.0\","
                    + "\"config\":{\"language\":\"xx\"},\"optional\":true,\"restart\":{\"maxRestarts\":1000,"
                    + "\"window\":\"10m\",\"maxBackoff\":\"500ms\"}}";
            case DOWNLOADING -> {
                trickle = tricklingCentral();
                central = ",\"central\":{\"baseURL\":\"http://127.0.0.1:" + trickle.getAddress().getPort()
                        + "/\",\"skipVerify\":true}";
                other = ",\"other\":{\"name\":\"slow\",\"version\":\"1.0.0\",\"optional\":true}";
            }
            default -> throw new IllegalStateException(neighbour.toString());
        }
        Path settings = Files.writeString(root.resolve("plugins.json"), "{\"providers\":{\"helloworld\":{" + measured
                + ",\"version\":\"1.0.0\",\"config\":{\"language\":\"en\"},\"restart\":{\"maxRestarts\":1000,"
                + "\"window\":\"1s\",\"maxBackoff\":\"2s\"}}" + other + "}" + central + "}");
        FakeOsgi osgi = new FakeOsgi();
        osgi.properties.put("pnode.datadir", dataDir.toString());
        osgi.properties.put("pnode.plugins", settings.toString());
        osgi.properties.put(HostParts.LOWER_START_PRIORITY_PROPERTY, Boolean.toString(lowerFailingPriority));
        PluginManager manager = new PluginManager();
        AtomicBoolean freezing = new AtomicBoolean(neighbour == Neighbour.FROZEN);
        Thread freezer = new Thread(() -> freeze(manager, freezing));
        int failedAtStart = 0;
        List<Long> recoveries = new ArrayList<>();
        int failedAfterKill = 0;
        try {
            manager.activate(osgi.context);
            osgi.publish(new OtherInterface());
            osgi.publish(new GreetingInterface());
            await("the contract service is registered", () -> osgi.liveFor(Greeter.class, "helloworld").isPresent());
            Greeter greeter = osgi.liveFor(Greeter.class, "helloworld").orElseThrow();
            // the first call, made as soon as the service exists: it waits for the start to finish
            try {
                greeter.greeting("first");
            } catch (RuntimeException e) {
                failedAtStart++;
            }
            freezer.start();
            for (int kill = 0; kill < KILLS; kill++) {
                await("helloworld runs", () -> manager.plugin("helloworld").orElseThrow().state()
                        == PluginState.RUNNING);
                Thread.sleep(PAUSE_BETWEEN_KILLS_MILLIS);
                long pid = manager.plugin("helloworld").orElseThrow().pid().orElseThrow();
                long killedAt = System.nanoTime();
                new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
                // a call racing the kill reaches the dying process and fails; calls from the moment the host saw
                // the exit are the ones that must wait and succeed
                while (manager.plugin("helloworld").orElseThrow().pid().stream().anyMatch(p -> p == pid)) {
                    Thread.onSpinWait();
                }
                while (true) {
                    try {
                        greeter.greeting("again");
                        break;
                    } catch (RuntimeException e) {
                        failedAfterKill++;
                        Thread.sleep(10);
                    }
                }
                recoveries.add((System.nanoTime() - killedAt) / 1_000_000);
            }
        } finally {
            freezing.set(false);
            if (freezer.isAlive()) {
                freezer.join();
            }
            manager.deactivate();
            if (trickle != null) {
                trickle.stop(0);
            }
        }
        Collections.sort(recoveries);
        return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %d (%d kills) | %d of 1 | %s |", language,
                neighbour.name().toLowerCase(Locale.ROOT).replace('_', '-'), lowerFailingPriority ? "on" : "off",
                percentile(recoveries, 50), percentile(recoveries, 99), recoveries.get(recoveries.size() - 1),
                failedAfterKill, KILLS, failedAtStart, loadAverage());
    }

    /** The 1-minute load average at the end of a row (Linux), the machine's load the row ran under. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** SIGSTOPs each new process of the plugin under "other" as soon as it runs. */
    private static void freeze(PluginManager manager, AtomicBoolean freezing) {
        long frozen = -1;
        while (freezing.get()) {
            var pid = manager.plugin("other").map(status -> status.pid()).orElse(java.util.OptionalLong.empty());
            if (pid.isPresent() && pid.getAsLong() != frozen) {
                frozen = pid.getAsLong();
                try {
                    new ProcessBuilder("kill", "-STOP", Long.toString(frozen)).start().waitFor();
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A central whose every answer announces a large body and then sends one byte a second. */
    private static HttpServer tricklingCentral() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "trickling-central");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 10_000_000);
            try (OutputStream body = exchange.getResponseBody()) {
                while (true) {
                    body.write('x');
                    body.flush();
                    Thread.sleep(1_000);
                }
            } catch (IOException | InterruptedException e) {
                // the client gave up or the server stops
            }
        });
        server.start();
        return server;
    }
}
