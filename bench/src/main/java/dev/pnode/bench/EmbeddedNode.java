package dev.pnode.bench;

import dev.pnode.launcher.boot.DataDirectory;
import dev.pnode.launcher.boot.Node;
import dev.pnode.launcher.config.CommandLine;
import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.logging.NodeLogging;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real node booted inside the benchmark JVM by the launcher's own {@link Node#boot}, from the distribution's
 * features and bundles (system/), with one helloworld plugin configured. The benchmark thread then calls the
 * contract service exactly as a consumer bundle would: the registered gateway object, over its plugin's AutoMTLS
 * channel. Only the calling code lives outside the framework (it reaches the service through the system bundle).
 */
final class EmbeddedNode implements AutoCloseable {

    static final String CONTRACT = "dev.pnode.helloworld.HelloWorld";
    static final String PLUGIN_ADMIN = "dev.pnode.api.PluginAdmin";
    static final String PLUGIN_REGISTRY = "dev.pnode.api.PluginRegistry";
    private static final int LOG_WARNINGS = 2;

    private final Node node;
    private final Path scratch;

    private EmbeddedNode(Node node, Path scratch) {
        this.node = node;
        this.scratch = scratch;
    }

    static EmbeddedNode boot(BenchEnvironment environment, BenchEnvironment.PluginKind plugin) throws Exception {
        Path scratch = BenchEnvironment.scratchDirectory("node");
        try {
            Path settings = writePluginSettings(environment, plugin, scratch);
            Path dataDir = scratch.resolve("data");
            NodeSettings nodeSettings = NodeSettings.resolve(CommandLine.parse("--datadir", dataDir.toString(),
                    "--plugins", settings.toString(), "--verbosity", Integer.toString(LOG_WARNINGS)),
                    environment.home(), scratch, false);
            NodeLogging.toConsole(LOG_WARNINGS);
            return new EmbeddedNode(Node.boot(nodeSettings, DataDirectory.prepare(dataDir)), scratch);
        } catch (Exception | Error e) {
            Scratch.deleteQuietly(scratch);
            throw e;
        }
    }

    /** Plugin settings naming only the benchmarked plugin, with its zip copied into a private base directory. */
    static Path writePluginSettings(BenchEnvironment environment, BenchEnvironment.PluginKind plugin, Path scratch)
            throws IOException {
        Path baseDir = Files.createDirectories(scratch.resolve("plugins"));
        Path zip = environment.pluginZip(plugin);
        Files.copy(zip, baseDir.resolve(zip.getFileName()));
        String name = plugin == BenchEnvironment.PluginKind.JAVA ? "helloworld" : "helloworld-go";
        Path settings = scratch.resolve("plugins.json");
        Files.writeString(settings, "{\"baseDir\":\"" + baseDir + "\",\"providers\":{\"helloworld\":{\"name\":\""
                + name + "\",\"version\":\"1.0.0\",\"config\":" + HelloWorldCalls.CONFIG + "}}}",
                StandardCharsets.UTF_8);
        return settings;
    }

    BundleContext context() {
        return node.framework().getBundleContext();
    }

    /** Tracks the services registered under a class name, as a consumer with a dynamic reference sees them. */
    ServiceTracker<Object, Object> track(String className) {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context(), className, null);
        tracker.open(true);
        return tracker;
    }

    /** The one service registered under a class name (the host, the contract); fails when there is none. */
    Object service(String className) {
        ServiceReference<?> reference = context().getServiceReference(className);
        if (reference == null) {
            throw new IllegalStateException("the node registered no " + className + " service");
        }
        return context().getService(reference);
    }

    /** The contract interface as the interface bundle exports it (the class the service implements). */
    Class<?> contractClass() throws ClassNotFoundException {
        ServiceReference<?> reference = context().getServiceReference(CONTRACT);
        if (reference == null) {
            throw new IllegalStateException("the node registered no " + CONTRACT + " service");
        }
        return reference.getBundle().loadClass(CONTRACT);
    }

    @Override
    public void close() {
        try {
            node.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Scratch.deleteQuietly(scratch);
        }
    }
}
