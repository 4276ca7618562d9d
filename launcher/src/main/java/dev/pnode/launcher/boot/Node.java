package dev.pnode.launcher.boot;

import dev.pnode.api.node.StartLevels;
import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.features.BundleSpec;
import dev.pnode.launcher.features.FeatureResolver;
import dev.pnode.launcher.features.FeaturesException;
import dev.pnode.launcher.features.FeaturesRepository;
import dev.pnode.launcher.features.MavenRepository;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A running node: an OSGi framework with the bundles of the boot features started and every service that
 * reports readiness ready. {@link #boot} either returns such a node or stops what it started and fails.
 */
public final class Node {

    /** The distribution's bundle repository, in Maven layout, relative to pnode.home. */
    public static final String SYSTEM_REPOSITORY = "system";

    /** How long stopping the framework may take before the launcher gives up on it. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(Node.class.getName());

    private final Framework framework;
    private final MavenRepository system;
    private final Map<BundleSpec, Path> bundleFiles;
    /** The HTTP stack's bundles the boot leaves out: installed on a running node when something needs them. */
    private final Map<BundleSpec, Path> httpStackLater;
    private final BundleCache cache;
    /** With the bundle cache of the last start kept: when it was filled. */
    private final OptionalLong keptCacheFilled;
    private final Duration startupTimeout;
    private final boolean httpStack;
    private volatile List<Bundle> bundles = List.of();

    private Node(Framework framework, MavenRepository system, Map<BundleSpec, Path> bundleFiles,
            Map<BundleSpec, Path> httpStackLater, BundleCache cache, OptionalLong keptCacheFilled,
            Duration startupTimeout, boolean httpStack) {
        this.framework = framework;
        this.system = system;
        this.bundleFiles = bundleFiles;
        this.httpStackLater = httpStackLater;
        this.cache = cache;
        this.keptCacheFilled = keptCacheFilled;
        this.startupTimeout = startupTimeout;
        this.httpStack = httpStack;
    }

    /**
     * Resolves the boot features, checks every bundle file exists and creates (but does not start) the
     * framework: nothing runs yet when this fails. Without an endpoint that needs the HTTP stack at boot, the stack's
     * bundles are left out of the boot (and of the kept bundle cache's record, so a boot with them and one without
     * never share a cache): a running node installs them when asked ({@link StartLevels#HTTP_STACK_INSTALLER}).
     */
    public static Node prepare(NodeSettings settings, DataDirectory dataDirectory) throws BootException {
        MavenRepository system = new MavenRepository(settings.home().resolve(SYSTEM_REPOSITORY));
        FrameworkFactory factory = frameworkFactory();
        Map<BundleSpec, Path> bundleFiles;
        Map<BundleSpec, Path> httpStackLater;
        String nodeId;
        BundleCache cache;
        OptionalLong keptCacheFilled;
        try {
            FeaturesRepository features = FeaturesRepository.load(settings.featureRepositories(), system);
            List<BundleSpec> bundles = new FeatureResolver(features).resolve(settings.bootFeatures());
            Map<Boolean, Map<BundleSpec, Path>> later = BundleProvisioner.splitHttpStack(
                    BundleProvisioner.locate(bundles, system), settings.httpStackAtBoot());
            bundleFiles = later.get(false);
            httpStackLater = later.get(true);
            nodeId = dataDirectory.nodeId();
            cache = BundleCache.of(dataDirectory.resolve(DataDirectory.FELIX_CACHE), frameworkJar(factory),
                    bundleFiles);
            keptCacheFilled = cache.filledFromTheseFiles();
            if (keptCacheFilled.isPresent()) {
                cache.forgetBundleData();
            }
        } catch (FeaturesException | IOException e) {
            throw new BootException(e.getMessage(), e);
        }
        LOG.log(Level.INFO, "node {0}: data directory {1}, features {2}, {3}", nodeId, settings.dataDir(),
                settings.bootFeatures(), keptCacheFilled.isPresent()
                        ? "bundle cache of the last start kept (same bundle files)" : "bundle cache rebuilt");
        Framework framework = newFramework(factory, FrameworkProperties.of(settings, dataDirectory, nodeId,
                keptCacheFilled.isPresent()));
        return new Node(framework, system, bundleFiles, httpStackLater, cache, keptCacheFilled,
                settings.startupTimeout(), settings.httpStackAtBoot());
    }

    /**
     * Starts the framework and the bundles and waits until every service that reports readiness is ready.
     * On failure the framework is stopped again.
     */
    public void start() throws BootException, InterruptedException {
        try {
            framework.init();
            BundleProvisioner provisioner = new BundleProvisioner(framework.getBundleContext(), system);
            Map<Bundle, BundleSpec> installed = provisioner.install(bundleFiles, keptCacheFilled);
            recordCache();
            if (!httpStackLater.isEmpty()) {
                framework.getBundleContext().registerService(Runnable.class,
                        () -> provisioner.installLater(httpStackLater),
                        new Hashtable<>(Map.of(StartLevels.HTTP_STACK_INSTALLER, Boolean.TRUE)));
            }
            framework.start();
            bundles = provisioner.start(installed, httpStack);
            Readiness.await(framework.getBundleContext(), startupTimeout);
        } catch (BundleException e) {
            stopQuietly(framework);
            throw new BootException("cannot start the OSGi framework: " + e.getMessage(), e);
        } catch (BootException | InterruptedException | RuntimeException e) {
            stopQuietly(framework);
            throw e;
        }
    }

    private void recordCache() {
        try {
            cache.recordFilled();
        } catch (IOException e) {
            // only a slower next start: it rebuilds the cache
            LOG.log(Level.WARNING, "cannot record the bundle cache's contents: " + e);
        }
    }

    private static FrameworkFactory frameworkFactory() throws BootException {
        return ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new BootException("no OSGi framework on the class path (lib/ lacks Felix)"));
    }

    /** The framework's jar: a kept bundle cache must have been written by the same framework. */
    private static Path frameworkJar(FrameworkFactory factory) throws BootException {
        try {
            return Path.of(factory.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new BootException("cannot locate the OSGi framework's jar: " + e, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Framework newFramework(FrameworkFactory factory, Map<String, Object> properties) {
        // Felix accepts object values (felix.log.logger) although the standard signature says String
        return factory.newFramework((Map) properties);
    }

    /** Milliseconds since the JVM started, for the boot time. */
    public static long millisSinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public Framework framework() {
        return framework;
    }

    /** The bundles the features installed, in install order. */
    public List<Bundle> bundles() {
        return bundles;
    }

    /** Blocks until the framework stops, for whatever reason (shutdown hook, {@code stop 0} in the shell). */
    public FrameworkEvent awaitStop() throws InterruptedException {
        return framework.waitForStop(0);
    }

    /** Stops the framework and waits for it; true if it stopped within {@link #STOP_TIMEOUT}. */
    public boolean stop() throws InterruptedException {
        return stop(framework);
    }

    private static boolean stop(Framework framework) throws InterruptedException {
        try {
            framework.stop();
        } catch (BundleException e) {
            LOG.log(Level.ERROR, "cannot stop the OSGi framework", e);
            return false;
        }
        return framework.waitForStop(STOP_TIMEOUT.toMillis()).getType() != FrameworkEvent.WAIT_TIMEDOUT;
    }

    private static void stopQuietly(Framework framework) {
        try {
            stop(framework);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
