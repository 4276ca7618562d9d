package dev.pnode.itest.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.helloworld.HelloWorld;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * A second plugin interface deployed to a running node: the kvstore interface bundle goes into the deploy folder,
 * its plugin into the settings, a settings reload starts it, and its contract service answers through the plugin
 * process; helloworld keeps running untouched. The kvstore types are used in {@link KeyValueStoreUse} only, so that
 * they are loaded once the bundle is there (JUnit loads every type in this class's method signatures up front).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NewInterfaceIT {

    private static final String INTERFACE_BUNDLE = "dev.pnode.example.kvstore.interface";

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
        addKvstoreProvider("{\"prefix\":\"node/\"}");
        Map<String, String> outcome = admin.reloadAll();

        assertEquals("only the new provider is touched", List.of("kvstore"), List.copyOf(outcome.keySet()));
        KeyValueStoreUse.putGetAndList(context, outcome);

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
        Path jar = DeployNode.artifact("pnode.kvstore.interface", "pnode-example-kvstore-interface", ".jar");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        try (CommandSession session = commands.createSession(System.in, discard, discard)) {
            session.execute("deploy:install " + jar);
        }
        Eventually.await(INTERFACE_BUNDLE + " active with its PluginInterface registered", () -> find(INTERFACE_BUNDLE)
                .map(bundle -> bundle.getState() == Bundle.ACTIVE && bundle.getRegisteredServices() != null)
                .orElse(false));
    }

    /** Copies kvstore-1.0.0.zip into the plugins folder and adds the provider to the settings file. */
    private void addKvstoreProvider(String config) throws Exception {
        Path settingsFile = Path.of(context.getProperty("pnode.plugins"));
        JsonObject settings = JsonParser.parseString(Files.readString(settingsFile)).getAsJsonObject();
        Path plugins = Path.of(settings.get("baseDir").getAsString());
        Files.copy(DeployNode.artifact("pnode.kvstore.plugin.zip", "pnode-example-kvstore-plugin", "-plugin.zip"),
                plugins.resolve("kvstore-1.0.0.zip"));
        JsonObject provider = new JsonObject();
        provider.addProperty("name", "kvstore");
        provider.addProperty("version", "1.0.0");
        provider.add("config", JsonParser.parseString(config));
        settings.getAsJsonObject("providers").add("kvstore", provider);
        Files.writeString(settingsFile, settings.toString());
    }

    private Optional<Bundle> find(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst();
    }
}
