package dev.pnode.host.manager;

import static dev.pnode.host.manager.RealPlugin.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.host.manager.GreetingInterface.Greeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Failure isolation between plugins, with real processes: the Java helloworld plugin beside a plugin whose
 * entrypoint never prints its handshake line ({@code exec sleep}). Each plugin is supervised on its own thread, so
 * the hung one delays neither the other's start, nor its crash recovery, nor the node's stop.
 */
public class IsolationTest {

    /** Longer than any bound in this test: a hung start that blocked others would make it fail, not pass slowly. */
    private static final String START_TIMEOUT = "600s";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final FakeOsgi osgi = new FakeOsgi();
    private final PluginManager manager = new PluginManager();
    private Path plugins;
    private boolean active;

    /** A second interface, so that the hung plugin has a key of its own. */
    private static final class HungInterface extends GreetingInterface {
        @Override
        public String key() {
            return "hung";
        }
    }

    @Before
    public void setUp() throws IOException {
        Path dataDir = temp.newFolder("data").toPath();
        plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(RealPlugin.HELLOWORLD_ZIP, plugins.resolve("helloworld-1.0.0.zip"));
        RealPlugin.scriptPlugin(plugins, "hung", "exec sleep 3600");
        Path settings = temp.getRoot().toPath().resolve("plugins.json");
        Files.writeString(settings, "{\"providers\":{"
                + "\"hung\":{\"name\":\"hung\",\"version\":\"1.0.0\",\"optional\":true},"
                + "\"helloworld\":{\"name\":\"helloworld\",\"version\":\"1.0.0\",\"config\":{\"language\":\"en\"}}}}");
        osgi.properties.put("pnode.datadir", dataDir.toString());
        osgi.properties.put("pnode.plugins", settings.toString());
        osgi.properties.put("pnode.plugin.startTimeout", START_TIMEOUT);
    }

    @After
    public void tearDown() {
        if (active) {
            manager.deactivate();
        }
    }

    private PluginStatus helloworld() {
        return manager.plugin("helloworld").orElseThrow();
    }

    private void startBoth() throws InterruptedException {
        manager.activate(osgi.context);
        active = true;
        osgi.publish(new HungInterface());
        osgi.publish(new GreetingInterface());
        await("helloworld runs although the hung plugin's start never ends", () -> manager.plugin("helloworld")
                .map(status -> status.state() == PluginState.RUNNING).orElse(false));
        assertEquals(PluginState.STARTING, manager.plugin("hung").orElseThrow().state());
    }

    @Test
    public void aPluginHungInItsHandshakeDelaysNeitherTheStartNorTheRecoveryOfAnother() throws Exception {
        startBoth();
        long killed = helloworld().pid().orElseThrow();

        new ProcessBuilder("kill", "-KILL", Long.toString(killed)).start().waitFor();

        await("a new helloworld process serves", () -> helloworld().state() == PluginState.RUNNING
                && helloworld().pid().orElseThrow() != killed);
        assertEquals("Hello world!", osgi.liveFor(Greeter.class, "helloworld").orElseThrow().greeting("world"));
        assertEquals(1, helloworld().restarts());
        assertEquals(PluginState.STARTING, manager.plugin("hung").orElseThrow().state());
    }

    @Test
    public void theNodeStopCutsAHungStartShort() throws Exception {
        startBoth();
        ProcessHandle hung = ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains("3600"))
                .findFirst().orElseThrow();

        manager.deactivate();
        active = false;

        assertTrue("the hung plugin's process is killed by the stop, not left to its start timeout",
                hung.onExit().isDone() || !hung.isAlive());
        assertEquals(List.of(), osgi.live(Greeter.class));
    }
}
