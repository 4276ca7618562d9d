package dev.pnode.itest.hardening;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.example.callback.CallbackException;
import dev.pnode.example.callback.CallbackGreeter;
import dev.pnode.example.kvstore.KeyValueStore;
import dev.pnode.example.kvstore.KeyValueStoreException;
import dev.pnode.helloworld.HelloWorld;
import dev.pnode.helloworld.HelloWorldException;
import dev.pnode.itest.osgi.PluginStates;
import dev.pnode.itest.osgi.PluginZips;
import dev.pnode.itest.osgi.PnodeContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.inject.Inject;
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
 * A bounded soak across three plugin processes of three interfaces at once: helloworld (Java), kvstore (Java, an
 * interface bundle outside the default features) and callback (Go, calling back into the node over the broker).
 * Concurrent callers use each contract while plugins, chosen at random, are SIGKILLed or reloaded. For every plugin
 * each call must succeed or fail with its contract's exception naming the plugin, and none may outlive its deadline;
 * the node must not leak threads, file descriptors or heap across dozens of plugin processes.
 *
 * <p>Beside them run three problem plugins, supervised like the others (issue 13): one hung in its handshake
 * ({@code exec sleep}), one crashing at every start, and the Java helloworld under another key, SIGSTOPped whenever
 * it runs. The healthy plugins must keep recovering from their kills all the same.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SoakIT {

    private static final System.Logger LOG = System.getLogger(SoakIT.class.getName());

    private static final int CALLERS_PER_PLUGIN = 3;
    private static final Duration SOAK = Duration.ofSeconds(60);
    /** How long a caller waits for a contract service to come back before it counts "no service". */
    private static final long SERVICE_WAIT_MILLIS = 2_000;
    /** The host's default call deadline plus slack for a loaded machine; a call lasting longer counts as hung. */
    private static final Duration HUNG_AFTER = Duration.ofSeconds(10 + 5);
    private static final int THREAD_TOLERANCE = 10;
    private static final long DESCRIPTOR_TOLERANCE = 16;
    private static final long HEAP_TOLERANCE_BYTES = 96L * 1024 * 1024;

    @Inject
    private BundleContext context;

    @Inject
    private PluginAdmin admin;

    @Inject
    private PluginRegistry registry;

    private List<SoakedPlugin<?>> plugins;
    private final List<org.osgi.framework.ServiceRegistration<?>> problemInterfaces = new ArrayList<>();

    private static final String HUNG = "hung";
    private static final String CRASHING = "crashing";
    private static final String FROZEN = "frozen";

    @Configuration
    public Option[] config() {
        return new Option[] {
            composite(PnodeContainer.node(List.of("pnode"), threePluginSettings())),
            bundle(Path.of(System.getProperty("pnode.kvstore.interface")).toUri().toString()).startLevel(35),
            bundle(Path.of(System.getProperty("pnode.callback.interface")).toUri().toString()).startLevel(35),
        };
    }

    /**
     * The three plugins from a base directory of their own, each with a restart policy for many crashes in a short
     * time (a generous limit and short waits), so that a killed plugin is always restarted.
     */
    private static String threePluginSettings() {
        try {
            Path baseDir = Files.createTempDirectory("pnode-soak-plugins-");
            Files.copy(PluginZips.example("helloworld-1.0.0.zip"), baseDir.resolve("helloworld-1.0.0.zip"));
            Files.copy(PluginZips.example("callback-go-1.0.0-linux-amd64.zip"),
                    baseDir.resolve("callback-go-1.0.0-linux-amd64.zip"));
            Files.copy(Path.of(System.getProperty("pnode.kvstore.plugin.zip")), baseDir.resolve("kvstore-1.0.0.zip"));
            JsonObject settings = new JsonObject();
            settings.addProperty("baseDir", baseDir.toString());
            JsonObject providers = new JsonObject();
            settings.add("providers", providers);
            providers.add("helloworld", provider("helloworld", "{\"language\":\"en\"}"));
            providers.add("kvstore", provider("kvstore", "{}"));
            providers.add("callback", provider("callback-go", "{}"));
            scriptPlugin(baseDir, HUNG, "exec sleep 3600");
            scriptPlugin(baseDir, CRASHING, "echo 'crashing on purpose' >&2; exit 3");
            providers.add(HUNG, optional(provider(HUNG, "{}")));
            providers.add(CRASHING, optional(provider(CRASHING, "{}")));
            providers.add(FROZEN, optional(provider("helloworld", "{\"language\":\"en\"}")));
            return settings.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject optional(JsonObject provider) {
        provider.addProperty("optional", true);
        return provider;
    }

    /** A plugin zip whose entrypoint is a shell script with this body. */
    private static void scriptPlugin(Path baseDir, String name, String body) throws IOException {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(
                Files.newOutputStream(baseDir.resolve(name + "-1.0.0.zip")))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("plugin-meta.json"));
            zip.write(("{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"entrypoint\":\"run\","
                    + "\"parameters\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("run"));
            zip.write(("#!/bin/sh\n" + body + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static JsonObject provider(String name, String config) {
        JsonObject restart = new JsonObject();
        restart.addProperty("maxRestarts", 1000);
        restart.addProperty("window", "10m");
        restart.addProperty("maxBackoff", "2s");
        JsonObject provider = new JsonObject();
        provider.addProperty("name", name);
        provider.addProperty("version", "1.0.0");
        provider.add("config", JsonParser.parseString(config));
        provider.add("restart", restart);
        return provider;
    }

    @Before
    public void track() throws InterruptedException {
        for (String key : List.of(HUNG, CRASHING, FROZEN)) {
            problemInterfaces.add(context.registerService(dev.pnode.api.PluginInterface.class,
                    new ProblemInterface(key), null));
        }
        plugins = List.of(
                new SoakedPlugin<>(context, "helloworld", HelloWorld.class, HelloWorldException.class,
                        (helloWorld, caller, sequence) -> greeted(caller, helloWorld.greeting(caller)),
                        HUNG_AFTER, SERVICE_WAIT_MILLIS),
                new SoakedPlugin<>(context, "kvstore", KeyValueStore.class, KeyValueStoreException.class,
                        SoakIT::putOrGet, HUNG_AFTER, SERVICE_WAIT_MILLIS),
                new SoakedPlugin<>(context, "callback", CallbackGreeter.class, CallbackException.class,
                        (greeter, caller, sequence) -> greeted(caller, greeter.greet(caller)),
                        HUNG_AFTER, SERVICE_WAIT_MILLIS));
        for (SoakedPlugin<?> plugin : plugins) {
            PluginStates.awaitRunning(registry, plugin.key);
        }
        PluginStates.awaitRunning(registry, FROZEN);
    }

    @After
    public void untrack() {
        plugins.forEach(SoakedPlugin::close);
        problemInterfaces.forEach(org.osgi.framework.ServiceRegistration::unregister);
    }

    private static String greeted(String caller, String greeting) {
        return greeting.equals("Hello " + caller + "!") ? "ok" : "wrong answer: " + greeting;
    }

    /**
     * Even calls store the caller's sequence under its own key, odd ones read it back: the value is one this caller
     * stored, or none when the process that held it was killed or replaced in between (the store is in memory).
     */
    private static String putOrGet(KeyValueStore store, String caller, long sequence) {
        String key = "soak/" + caller;
        if (sequence % 2 == 0) {
            store.put(key, caller + ":" + sequence);
            return "ok";
        }
        String value = store.get(key);
        if (value == null) {
            return "ok, value gone with its process";
        }
        return value.startsWith(caller + ":") ? "ok" : "wrong answer: " + key + " = " + value;
    }

    @Test
    public void callsToEveryPluginSucceedOrFailClearlyWhilePluginsAreKilledAndReloadedAndNothingLeaks()
            throws Exception {
        // warm up: the first kill, restart and reload of each create pools and classes that then stay for good
        for (SoakedPlugin<?> plugin : plugins) {
            plugin.assertServesAgain("warm", SERVICE_WAIT_MILLIS * 10);
            kill(plugin.key);
            PluginStates.await(registry, plugin.key, status -> status.restarts() >= 1
                    && status.state() == PluginState.RUNNING, "restarted after the warm-up kill");
            admin.reload(plugin.key);
            // the measurements after the soak follow a call to each plugin: so do those before it
            plugin.assertServesAgain("reloaded", SERVICE_WAIT_MILLIS * 10);
        }
        Usage before = settledUsage();

        AtomicBoolean soaking = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS_PER_PLUGIN * plugins.size());
        for (SoakedPlugin<?> plugin : plugins) {
            for (int i = 0; i < CALLERS_PER_PLUGIN; i++) {
                String caller = plugin.key + "-caller" + i;
                callers.execute(() -> {
                    for (long sequence = 0; soaking.get(); sequence++) {
                        plugin.callOnce(caller, sequence);
                    }
                });
            }
        }
        Thread freezer = new Thread(() -> freezeWhileSoaking(soaking), "soak-freezer");
        freezer.start();
        int frozenRestartsBefore = registry.plugin(FROZEN).orElseThrow().restarts();
        try {
            unleashChaos(before.restarts());
        } finally {
            soaking.set(false);
            callers.shutdown();
            freezer.join();
        }
        boolean callersFinished = callers.awaitTermination(HUNG_AFTER.toSeconds() * 2, TimeUnit.SECONDS);

        for (SoakedPlugin<?> plugin : plugins) {
            PluginStates.awaitRunning(registry, plugin.key);
            plugin.assertServesAgain("after", SERVICE_WAIT_MILLIS * 10);
        }
        Usage after = settledUsage();

        StringBuilder summary = new StringBuilder(String.format("soak summary: %d s, %d callers per plugin (%d ms pause"
                + " after a failed call)%n", SOAK.toSeconds(), CALLERS_PER_PLUGIN, SoakedPlugin.FAILURE_PAUSE_MILLIS));
        for (SoakedPlugin<?> plugin : plugins) {
            summary.append("  ").append(plugin.summary(after.restarts().get(plugin.key)
                    - before.restarts().get(plugin.key))).append(System.lineSeparator());
        }
        summary.append(String.format("  node:       threads %d -> %d %s; fds %d -> %d; heap after GC %,d -> %,d KiB;"
                + " callers finished %s", before.threads(), after.threads(),
                RunningNode.threadChange(before.threadNames(), after.threadNames()), before.descriptors(),
                after.descriptors(), before.heap() / 1024, after.heap() / 1024, callersFinished));
        LOG.log(System.Logger.Level.INFO, summary);

        assertTrue("callers still blocked " + HUNG_AFTER.toSeconds() * 2 + " s after the soak ended", callersFinished);
        for (SoakedPlugin<?> plugin : plugins) {
            assertEquals(plugin.key + ": calls that lasted longer than " + HUNG_AFTER, 0, plugin.hungCalls());
            assertEquals(plugin.key + ": failures that do not say what failed", List.of(), plugin.unclearFailures());
            assertTrue(plugin.key + ": no call succeeded", plugin.count("ok") > 0);
            assertTrue(plugin.key + ": never killed", plugin.chaosCount("SIGKILL") > 0);
            assertTrue(plugin.key + ": not restarted beside the problem plugins",
                    after.restarts().get(plugin.key) > before.restarts().get(plugin.key));
        }
        assertTrue("the frozen plugin was never killed and restarted by its health checks",
                registry.plugin(FROZEN).orElseThrow().restarts() > frozenRestartsBefore);
        assertTrue(registry.plugin(HUNG).orElseThrow().toString(), registry.plugin(HUNG).orElseThrow().pid()
                .isEmpty());
        assertTrue(registry.plugin(CRASHING).orElseThrow().toString(),
                registry.plugin(CRASHING).orElseThrow().state() != PluginState.RUNNING);
        assertTrue("threads leaked: " + before.threads() + " before, " + after.threads() + " after",
                after.threads() <= before.threads() + THREAD_TOLERANCE);
        assertTrue("file descriptors leaked: " + before.descriptors() + " before, " + after.descriptors() + " after",
                after.descriptors() <= before.descriptors() + DESCRIPTOR_TOLERANCE);
        assertTrue("heap grew: " + before.heap() / 1024 + " KiB before, " + after.heap() / 1024 + " KiB after",
                after.heap() <= before.heap() + HEAP_TOLERANCE_BYTES);
    }

    /**
     * Until the soak ends: rounds over the plugins in a random order, each a SIGKILL (6 in 10) or a reload of one
     * plugin, 0.3 to 1.5 s apart (a reload also takes as long as a start); the rounds make sure every plugin is hit,
     * and a plugin's chaos is a SIGKILL until one has landed: reloads boot in the background and can take seconds
     * while callers keep the cores busy, so a 60 s soak may hold only a few rounds (three reloads in a row left
     * helloworld never killed once). Likewise until the host has restarted it once: a reload that comes while a
     * killed plugin waits out its backoff starts it instead, rightly, and no restart is counted (a CI run's only
     * SIGKILL of callback went that way).
     */
    private void unleashChaos(Map<String, Integer> restartsBefore) throws InterruptedException {
        Random random = new Random();
        List<SoakedPlugin<?>> round = new ArrayList<>(plugins);
        long end = System.nanoTime() + SOAK.toNanos();
        while (System.nanoTime() < end) {
            Collections.shuffle(round, random);
            for (SoakedPlugin<?> plugin : round) {
                Thread.sleep(300 + random.nextInt(1_200));
                if (System.nanoTime() >= end) {
                    return;
                }
                boolean restartSeen = registry.plugin(plugin.key).orElseThrow().restarts()
                        > restartsBefore.get(plugin.key);
                if (plugin.chaosCount("SIGKILL") == 0 || !restartSeen || random.nextInt(10) < 6) {
                    plugin.recordChaos(kill(plugin.key) ? "SIGKILL" : "SIGKILL while down");
                } else {
                    plugin.recordChaos(reload(plugin.key) ? "reload" : "reload refused");
                }
            }
        }
    }

    /** SIGSTOPs the frozen plugin's process whenever a new one runs, until the soak ends. */
    private void freezeWhileSoaking(AtomicBoolean soaking) {
        long frozen = -1;
        while (soaking.get()) {
            java.util.OptionalLong pid = registry.plugin(FROZEN).orElseThrow().pid();
            if (pid.isPresent() && pid.getAsLong() != frozen) {
                frozen = pid.getAsLong();
                try {
                    new ProcessBuilder("kill", "-STOP", Long.toString(frozen)).start().waitFor();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** What the node holds, and how often each plugin was restarted, once replaced processes have gone. */
    private record Usage(int threads, Map<String, Long> threadNames, long descriptors, long heap,
            Map<String, Integer> restarts) {
    }

    private Usage settledUsage() throws InterruptedException {
        // replaced processes drain for 5 s (the default) before their channels close
        Thread.sleep(8_000);
        return new Usage(RunningNode.threads(), RunningNode.threadsByName(), RunningNode.openFileDescriptors(),
                RunningNode.heapUsedAfterGc(), restarts());
    }

    private Map<String, Integer> restarts() {
        Map<String, Integer> restarts = new HashMap<>();
        plugins.forEach(plugin -> restarts.put(plugin.key, registry.plugin(plugin.key).orElseThrow().restarts()));
        return restarts;
    }

    /** SIGKILLs the plugin's running process; false when none was running at that moment. */
    private boolean kill(String key) {
        return registry.plugin(key).orElseThrow().pid().stream().boxed().findFirst()
                .flatMap(ProcessHandle::of).map(ProcessHandle::destroyForcibly).orElse(false);
    }

    private boolean reload(String key) {
        try {
            admin.reload(key);
            return true;
        } catch (PluginException e) {
            LOG.log(System.Logger.Level.INFO, "reload of {0} refused during the soak: {1}", key, e.getMessage());
            return false;
        }
    }
}
