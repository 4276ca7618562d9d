package dev.pnode.itest.callback;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.example.callback.CallbackException;
import dev.pnode.example.callback.CallbackGreeter;
import dev.pnode.example.callback.internal.CallbackInterface;
import dev.pnode.goplugin.LaunchSpec;
import dev.pnode.goplugin.PluginProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Go callback plugin (built with Debian's go-plugin 1.0.1) as a real process under pnode's go-plugin client,
 * with the callback interface's gateway: every greeting serves the host's values through the broker and the plugin
 * dials back for the greeting word. Plain JUnit: the host's wiring of the broker into a PluginConnection is played
 * by {@link BrokeredTestConnection}.
 */
public class CallbackPluginIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final CallbackInterface callback = new CallbackInterface();
    private PluginProcess process;
    private CallbackGreeter greeter;

    @Before
    public void startPlugin() throws Exception {
        callback.configure(Map.of("value.greeting", "Howdy"));
        Path root = folder.getRoot().toPath();
        CallbackPluginZip.Extracted plugin = CallbackPluginZip.extract(CallbackPluginZip.locate(),
                Files.createDirectory(root.resolve("plugin")));
        process = PluginProcess.create(new LaunchSpec("callback", plugin.entrypoint(), plugin.parameters(),
                plugin.directory(), callback.handshake(), Map.of(), Duration.ofSeconds(30), root.resolve("run")));
        process.start();
        greeter = (CallbackGreeter) callback.connect(new BrokeredTestConnection(process.channel(), process.broker(),
                CALL_TIMEOUT));
    }

    @After
    public void killPlugin() {
        if (process != null) {
            process.kill();
        }
    }

    @Test
    public void thePluginGreetsWithTheWordItAsksTheHostFor() {
        assertEquals("Howdy world!", greeter.greet("world"));
    }

    @Test
    public void everyGreetingAsksTheHostAgain() {
        assertEquals("Howdy one!", greeter.greet("one"));
        callback.configure(Map.of("value.greeting", "Hola"));
        assertEquals("Hola two!", greeter.greet("two"));
        for (int i = 0; i < 20; i++) {
            assertEquals("Hola " + i + "!", greeter.greet(Integer.toString(i)));
        }
    }

    @Test
    public void concurrentGreetingsEachGetTheirOwnBrokeredConnection() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> greetings = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String name = "caller" + i;
                greetings.add(callers.submit(() -> greeter.greet(name)));
            }
            for (int i = 0; i < greetings.size(); i++) {
                assertEquals("Howdy caller" + i + "!", greetings.get(i).get(60, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    public void aHostWithoutTheWordGetsThePluginsReason() {
        callback.configure(Map.of("value.farewell", "Bye"));
        CallbackException e = assertThrows(CallbackException.class, () -> greeter.greet("world"));
        assertEquals("plugin callback: greet failed: FAILED_PRECONDITION: the host has no value for \"greeting\"",
                e.getMessage());
    }

    @Test
    public void anEmptyNameIsRefusedByThePlugin() {
        CallbackException e = assertThrows(CallbackException.class, () -> greeter.greet(""));
        assertEquals("plugin callback: greet failed: INVALID_ARGUMENT: name is empty", e.getMessage());
    }

    @Test
    public void afterAKillGreetingsFailAndNoBrokerSocketIsLeft() throws Exception {
        assertEquals("Howdy world!", greeter.greet("world"));
        process.kill();
        assertEquals("killed by host", process.exited().get(10, TimeUnit.SECONDS));
        CallbackException e = assertThrows(CallbackException.class, () -> greeter.greet("world"));
        assertTrue(e.getMessage(), e.getMessage().contains("cannot serve the host's values to it")
                && e.getMessage().contains("the plugin is being stopped"));
        try (var left = Files.list(folder.getRoot().toPath().resolve("run"))) {
            assertFalse("pid records or sockets left in the run directory",
                    left.anyMatch(path -> path.toString().endsWith(".sock")));
        }
    }
}
