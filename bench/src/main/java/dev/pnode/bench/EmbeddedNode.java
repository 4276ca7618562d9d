package dev.pnode.bench;

import dev.pnode.launcher.boot.DataDirectory;
import dev.pnode.launcher.boot.Node;
import dev.pnode.launcher.config.CommandLine;
import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.logging.NodeLogging;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real node booted inside the benchmark JVM by the launcher's own {@link Node#prepare} and {@link Node#start}, from the distribution's
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
    private final Path ipcPath;

    private EmbeddedNode(Node node, Path scratch, Path ipcPath) {
        this.node = node;
        this.scratch = scratch;
        this.ipcPath = ipcPath;
    }

    /** Where the node's JSON-RPC IPC endpoint listens. */
    Path ipcPath() {
        return ipcPath;
    }

    /** @param flags more of pnode's flags, e.g. {@code --http} */
    static EmbeddedNode boot(BenchEnvironment environment, BenchEnvironment.PluginKind plugin, String... flags)
            throws Exception {
        Path scratch = BenchEnvironment.scratchDirectory("node");
        try {
            Path settings = PluginSettingsFile.helloworld(environment, plugin, scratch);
            Path dataDir = scratch.resolve("data");
            List<String> arguments = new ArrayList<>(List.of("--datadir", dataDir.toString(), "--plugins",
                    settings.toString(), "--verbosity", Integer.toString(LOG_WARNINGS)));
            arguments.addAll(List.of(flags));
            NodeSettings nodeSettings = NodeSettings.resolve(CommandLine.parse(arguments.toArray(String[]::new)),
                    environment.home(), scratch, false);
            NodeLogging.toConsole(LOG_WARNINGS, nodeSettings.logging().format());
            Node node = Node.prepare(nodeSettings, DataDirectory.prepare(dataDir));
            node.start();
            return new EmbeddedNode(node, scratch, nodeSettings.ipcPath());
        } catch (Exception | Error e) {
            Scratch.deleteQuietly(scratch);
            throw e;
        }
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
        return context().getService(reference(className));
    }

    /** The interface a service is registered under, loaded by the bundle that registered it. */
    Class<?> serviceInterface(String className) throws ClassNotFoundException {
        return reference(className).getBundle().loadClass(className);
    }

    /**
     * All references, not only those "assignable" to the system bundle: the benchmark class path carries its own
     * copy of dev.pnode.api, which Felix would otherwise take for a different class and hide the host's services.
     */
    private ServiceReference<?> reference(String className) {
        ServiceReference<?>[] references;
        try {
            references = context().getAllServiceReferences(className, null);
        } catch (InvalidSyntaxException noFilterNoError) {
            throw new IllegalStateException(noFilterNoError);
        }
        if (references == null || references.length == 0) {
            throw new IllegalStateException("the node registered no " + className + " service");
        }
        return references[0];
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
