package dev.pnode.launcher.boot;

import dev.pnode.launcher.config.NodeSettings;
import dev.pnode.launcher.features.BundleSpec;
import dev.pnode.launcher.features.FeatureResolver;
import dev.pnode.launcher.features.FeaturesException;
import dev.pnode.launcher.features.FeaturesRepository;
import dev.pnode.launcher.features.MavenRepository;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private final Duration startupTimeout;
    private volatile List<Bundle> bundles = List.of();

    private Node(Framework framework, MavenRepository system, Map<BundleSpec, Path> bundleFiles,
            Duration startupTimeout) {
        this.framework = framework;
        this.system = system;
        this.bundleFiles = bundleFiles;
        this.startupTimeout = startupTimeout;
    }

    /**
     * Resolves the boot features, checks every bundle file exists and creates (but does not start) the
     * framework: nothing runs yet when this fails.
     */
    public static Node prepare(NodeSettings settings, DataDirectory dataDirectory) throws BootException {
        MavenRepository system = new MavenRepository(settings.home().resolve(SYSTEM_REPOSITORY));
        Map<BundleSpec, Path> bundleFiles;
        String nodeId;
        try {
            FeaturesRepository features = FeaturesRepository.load(settings.featureRepositories(), system);
            List<BundleSpec> bundles = new FeatureResolver(features).resolve(settings.bootFeatures());
            bundleFiles = BundleProvisioner.locate(bundles, system);
            nodeId = dataDirectory.nodeId();
        } catch (FeaturesException | IOException e) {
            throw new BootException(e.getMessage(), e);
        }
        LOG.log(Level.INFO, "node {0}: data directory {1}, features {2}", nodeId, settings.dataDir(),
                settings.bootFeatures());
        Framework framework = newFramework(FrameworkProperties.of(settings, dataDirectory, nodeId));
        return new Node(framework, system, bundleFiles, settings.startupTimeout());
    }

    /**
     * Starts the framework and the bundles and waits until every service that reports readiness is ready.
     * On failure the framework is stopped again.
     */
    public void start() throws BootException, InterruptedException {
        try {
            framework.start();
            bundles = new BundleProvisioner(framework.getBundleContext(), system).provision(bundleFiles);
            Readiness.await(framework.getBundleContext(), startupTimeout);
        } catch (BundleException e) {
            stopQuietly(framework);
            throw new BootException("cannot start the OSGi framework: " + e.getMessage(), e);
        } catch (BootException | InterruptedException | RuntimeException e) {
            stopQuietly(framework);
            throw e;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Framework newFramework(Map<String, Object> properties) throws BootException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new BootException("no OSGi framework on the class path (lib/ lacks Felix)"));
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
