package dev.pnode.itest.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.helloworld.HelloWorld;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * A second plugin interface deployed to a running node: the kvstore interface bundle goes into the deploy folder,
 * its plugin into the settings, a settings reload starts it, and its contract service answers through the plugin
 * process and over JSON-RPC ({@code plugin@kvstore_*}); helloworld keeps running untouched. The kvstore types are
 * used in {@link KeyValueStoreUse} only, so that they are loaded once the bundle is there (JUnit loads every type in
 * this class's method signatures up front).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NewInterfaceIT {

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor commands;

    @Inject
    private PluginAdmin admin;

    @Inject
    private PluginRegistry registry;

    @Inject
    private HelloWorld helloWorld;

    @Configuration
    public Option[] config() {
        return DeployNode.options();
    }

    @Test
    public void aNewInterfaceDeployedAtRuntimeServesThroughItsPluginAfterASettingsReload() throws Exception {
        Eventually.await("helloworld running", () -> registry.plugin("helloworld")
                .map(status -> status.state() == PluginState.RUNNING && status.pid().isPresent()).orElse(false));
        long helloworldPid = registry.plugin("helloworld").orElseThrow().pid().getAsLong();

        deployInterfaceBundle();
        Kvstore.addProvider(context, "{\"prefix\":\"node/\"}");
        Map<String, String> outcome = admin.reloadAll();

        assertEquals("only the new provider is touched", List.of("kvstore"), List.copyOf(outcome.keySet()));
        KeyValueStoreUse.putGetAndList(context, outcome);
        Path ipc = Path.of(context.getProperty("pnode.ipc.path"));
        assertEquals("\"hello\"", IpcCall.call(ipc, "plugin@kvstore_get", "[\"node/greeting\"]").toString());
        IpcCall.call(ipc, "plugin@kvstore_put", "[\"node/rpc\",\"over ipc\"]");
        assertEquals("[\"node/answer\",\"node/greeting\",\"node/rpc\"]",
                IpcCall.call(ipc, "plugin@kvstore_keys", "[]").toString());

        PluginStatus kvstore = registry.plugin("kvstore").orElseThrow();
        assertEquals(PluginState.RUNNING, kvstore.state());
        assertTrue("a live plugin process of its own", kvstore.pid().isPresent()
                && kvstore.pid().getAsLong() != helloworldPid
                && ProcessHandle.of(kvstore.pid().getAsLong()).map(ProcessHandle::isAlive).orElse(false));
        assertEquals("helloworld untouched", helloworldPid,
                registry.plugin("helloworld").orElseThrow().pid().getAsLong());
        assertEquals("Hello world!", helloWorld.greeting("world"));
    }

    /** As an operator would: {@code deploy:install <jar>}, then FileInstall installs and starts it. */
    private void deployInterfaceBundle() throws Exception {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        try (CommandSession session = commands.createSession(System.in, discard, discard)) {
            session.execute("deploy:install " + Kvstore.interfaceJar());
        }
        Kvstore.awaitInterface(context);
    }
}
