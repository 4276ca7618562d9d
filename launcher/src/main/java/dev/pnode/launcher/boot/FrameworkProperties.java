package dev.pnode.launcher.boot;

import dev.pnode.api.PluginSettingsProperties;
import dev.pnode.api.node.EndpointProperties;
import dev.pnode.api.node.MetricsProperties;
import dev.pnode.api.node.NodeProperties;
import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.config.PluginVerification;
import dev.pnode.launcher.logging.FelixLogBridge;
import dev.pnode.launcher.logging.NodeLogging;
import dev.pnode.launcher.logging.Verbosity;
import java.util.HashMap;
import java.util.Map;

/**
 * The framework properties of a node: the OSGi/Felix settings and the {@code pnode.*} conventions bundles read (their
 * names live in the api bundle, {@code dev.pnode.api.node}, beside the bundles that read them).
 */
public final class FrameworkProperties {

    /** JDK packages bundles may import: what netty and Jetty reach for, and the JVM metrics (com.sun.management). */
    public static final String SYSTEM_PACKAGES_EXTRA = "sun.misc,sun.nio.ch,com.sun.management";

    private FrameworkProperties() {
    }

    /**
     * Values are Strings except {@code felix.log.logger}, which Felix takes as an object.
     *
     * @param keepBundleCache whether Felix reads the bundle cache of the last start ({@link BundleCache}) instead of
     *     deleting it
     */
    public static Map<String, Object> of(NodeSettings settings, DataDirectory dataDirectory, String nodeId,
            boolean keepBundleCache) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("org.osgi.framework.storage", dataDirectory.resolve(DataDirectory.FELIX_CACHE).toString());
        properties.put("org.osgi.framework.storage.clean", keepBundleCache ? "none" : "onFirstInit");
        properties.put("org.osgi.framework.system.packages.extra", SYSTEM_PACKAGES_EXTRA);
        // start at 1 and let BundleProvisioner raise the level once every bundle has its own
        properties.put("org.osgi.framework.startlevel.beginning", "1");
        properties.put("felix.log.logger", new FelixLogBridge());
        properties.put("felix.log.level", Integer.toString(Verbosity.felixLevel(settings.verbosity())));
        // what bundles logging through the OSGi LogService (Felix Log) record; pnode-logging writes it to JUL
        properties.put("org.osgi.service.log.admin.loglevel", Verbosity.osgiLogLevel(settings.verbosity()));
        if (!settings.interactive()) {
            properties.put("gosh.args", "--nointeractive");
        }
        // hot deploy (the pnode-deploy feature, Felix FileInstall), logging through JUL like everything else
        properties.put("felix.fileinstall.dir", dataDirectory.resolve(DataDirectory.DEPLOY).toString());
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.log.default", "jul");
        properties.put("felix.fileinstall.log.level", Integer.toString(Verbosity.felixLevel(settings.verbosity())));
        // only jars: deploy:install's hidden .part files and stray files are never retried every poll
        properties.put("felix.fileinstall.filter", ".*\\.jar");
        properties.put("felix.fileinstall.subdir.mode", "skip");
        properties.put("felix.fileinstall.tmpdir", dataDirectory.resolve("tmp/fileinstall").toString());
        // refresh what FileInstall changed and what is wired to it, never every bundle (Karaf's refresh storms)
        properties.put("felix.fileinstall.optionalImportRefreshScope", "managed");
        properties.put("felix.fileinstall.fragmentRefreshScope", "managed");
        properties.put("felix.fileinstall.start.level", "80");

        // Felix HTTP's own server instance waits for a ConfigAdmin configuration (PID org.apache.felix.http) instead of
        // listening on 8080: only a bundle that asks for it opens a port (bundles/rpc/README.md)
        properties.put("org.apache.felix.http.require.config", "true");

        properties.put(NodeProperties.DATADIR, settings.dataDir().toString());
        properties.put(NodeProperties.HOME, settings.home().toString());
        settings.plugins().ifPresent(plugins -> properties.put(PluginSettingsProperties.FILE, plugins.toString()));
        PluginVerification verification = settings.pluginVerification();
        if (verification.skipVerify()) {
            properties.put(PluginSettingsProperties.SKIP_VERIFY, "true");
        }
        if (verification.localVerify()) {
            properties.put(PluginSettingsProperties.LOCAL_VERIFY, "true");
        }
        verification.publicKey().ifPresent(key -> properties.put(PluginSettingsProperties.PUBLIC_KEY, key.toString()));
        properties.put(EndpointProperties.IPC_PATH, settings.ipcPath().toString());
        properties.put(NodeProperties.IDENTITY, nodeId);
        properties.put(NodeProperties.LOG_FILE, dataDirectory.resolve(DataDirectory.LOGS).resolve(NodeLogging.LOG_FILE).toString());
        properties.put(MetricsProperties.ENABLED, Boolean.toString(settings.metrics().enabled()));
        properties.put(MetricsProperties.HOST, settings.metrics().host());
        properties.put(MetricsProperties.PORT, Integer.toString(settings.metrics().port()));
        properties.put(EndpointProperties.HTTP_ENABLED, Boolean.toString(settings.http().enabled()));
        properties.put(EndpointProperties.HTTP_HOST, settings.http().host());
        properties.put(EndpointProperties.HTTP_PORT, Integer.toString(settings.http().port()));
        properties.put(EndpointProperties.HTTP_API, settings.http().api());
        properties.putAll(settings.endpointProperties());
        return properties;
    }
}
