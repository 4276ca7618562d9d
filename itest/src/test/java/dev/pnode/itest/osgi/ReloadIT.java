package dev.pnode.itest.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.helloworld.HelloWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.osgi.util.tracker.ServiceTracker;

/** Reloading a plugin on a running node: make before break, so callers never see a failed call. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReloadIT {

    private static final int CALLERS = 4;

    @Inject
    private BundleContext context;

    @Inject
    private PluginAdmin admin;

    @Inject
    private PluginRegistry registry;

    @Inject
    private HelloWorld initial;

    private ServiceTracker<HelloWorld, HelloWorld> helloWorld;

    @Configuration
    public Option[] config() {
        return PnodeContainer.node(List.of("pnode"), PnodeContainer.defaultPluginSettings("en"));
    }

    @Before
    public void trackTheContractOfTheRunningPlugin() throws InterruptedException {
        helloWorld = new ServiceTracker<>(context, HelloWorld.class, null);
        helloWorld.open();
        PluginStates.awaitRunning(registry, "helloworld");
    }

    @After
    public void restoreEnglish() throws Exception {
        writeLanguage("en", "1.0.0");
        admin.reload("helloworld");
        helloWorld.close();
    }

    @Test
    public void aReloadAppliesNewConfigWhileConcurrentCallersSeeNoFailure() throws Exception {
        assertEquals("Hello x!", initial.greeting("x"));
        long oldPid = registry.plugin("helloworld").orElseThrow().pid().orElseThrow();

        AtomicBoolean calling = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        for (int i = 0; i < CALLERS; i++) {
            callers.execute(() -> {
                while (calling.get()) {
                    try {
                        HelloWorld current = helloWorld.waitForService(10_000);
                        current.greeting("caller");
                        calls.incrementAndGet();
                    } catch (Throwable failure) {
                        failures.add(failure);
                    }
                }
            });
        }
        try {
            Thread.sleep(500);
            writeLanguage("es", "1.0.0");
            admin.reload("helloworld");
            Thread.sleep(500);
        } finally {
            calling.set(false);
            callers.shutdown();
            assertTrue(callers.awaitTermination(60, TimeUnit.SECONDS));
        }

        assertEquals("calls that failed during the reload (of " + calls.get() + ")", List.of(),
                failures.stream().map(Throwable::toString).toList());
        assertEquals("Hola x!", helloWorld.getService().greeting("x"));
        long newPid = registry.plugin("helloworld").orElseThrow().pid().orElseThrow();
        assertNotEquals("a new process serves after the reload", oldPid, newPid);
        assertTrue("the old process was stopped after draining",
                ProcessHandle.of(oldPid).map(process -> process.onExit().thenApply(p -> true))
                        .map(exit -> exit.completeOnTimeout(false, 30, TimeUnit.SECONDS).join()).orElse(true));
    }

    @Test
    public void aReloadThatCannotStartKeepsTheRunningPluginAndSaysWhy() throws Exception {
        long pid = registry.plugin("helloworld").orElseThrow().pid().orElseThrow();
        writeLanguage("es", "9.9.9");

        PluginException refused = assertThrows(PluginException.class, () -> admin.reload("helloworld"));

        assertTrue(refused.getMessage(), refused.getMessage().contains("9.9.9"));
        assertEquals(PluginState.RUNNING, registry.plugin("helloworld").orElseThrow().state());
        assertEquals(pid, registry.plugin("helloworld").orElseThrow().pid().orElseThrow());
        assertEquals("Hello still!", helloWorld.getService().greeting("still"));
    }

    @Test
    public void aReloadCanMoveToAnotherVersionAndRefusesOneThatCrashesAtStart() throws Exception {
        Path baseDir = Files.createTempDirectory("pnode-versions-");
        Path original = PluginZips.example("helloworld-1.0.0.zip");
        Files.copy(original, baseDir.resolve("helloworld-1.0.0.zip"));
        PluginZips.withVersion(original, "helloworld", "1.1.0", Map.of(), baseDir);
        PluginZips.withVersion(original, "helloworld", "6.6.6",
                Map.of("helloworld", "#!/bin/sh\necho 'crashing on purpose' >&2\nexit 3\n"), baseDir);
        Path settings = Path.of(context.getProperty("pnode.plugins"));
        String before = Files.readString(settings);
        try {
            Files.writeString(settings, "{\"baseDir\":\"" + baseDir + "\",\"providers\":{\"helloworld\":"
                    + "{\"name\":\"helloworld\",\"version\":\"1.1.0\",\"config\":{\"language\":\"en\"}}}}");
            admin.reload("helloworld");
            assertEquals("1.1.0", registry.plugin("helloworld").orElseThrow().version());
            assertEquals("Hello new!", helloWorld.getService().greeting("new"));

            Files.writeString(settings, Files.readString(settings).replace("1.1.0", "6.6.6"));
            PluginException refused = assertThrows(PluginException.class, () -> admin.reload("helloworld"));
            assertTrue(refused.getMessage(), refused.getMessage().contains("exited with status 3"));
            assertTrue(refused.getMessage(), refused.getMessage().contains("crashing on purpose"));
            assertEquals("1.1.0", registry.plugin("helloworld").orElseThrow().version());
            assertEquals(PluginState.RUNNING, registry.plugin("helloworld").orElseThrow().state());
            assertEquals("Hello old!", helloWorld.getService().greeting("old"));
        } finally {
            Files.writeString(settings, before);
        }
    }

    private void writeLanguage(String language, String version) throws Exception {
        Path settings = Path.of(context.getProperty("pnode.plugins"));
        String updated = Files.readString(settings)
                .replaceAll("\"language\":\"[a-z]+\"", "\"language\":\"" + language + "\"")
                .replaceAll("\"version\":\"[0-9.]+\"", "\"version\":\"" + version + "\"");
        Files.writeString(settings, updated);
    }
}
