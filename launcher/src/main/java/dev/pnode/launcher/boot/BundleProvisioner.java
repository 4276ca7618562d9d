package dev.pnode.launcher.boot;

import dev.pnode.launcher.features.BundleSpec;
import dev.pnode.launcher.features.FeaturesException;
import dev.pnode.launcher.features.MavenRepository;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Installs the bundles of the boot features from the bundle repository, gives each its start level, and
 * raises the framework's start level so that they start in order. A bundle that should start but does not
 * fails the boot, naming the bundle and the reason.
 */
public final class BundleProvisioner {

    private static final System.Logger LOG = System.getLogger(BundleProvisioner.class.getName());

    private static final String REFERENCE_PROTOCOL = "reference:";

    private final BundleContext context;
    private final MavenRepository repository;

    public BundleProvisioner(BundleContext context, MavenRepository repository) {
        this.context = context;
        this.repository = repository;
    }

    /** Checks that every bundle's file exists, reporting all missing ones at once. */
    public static Map<BundleSpec, Path> locate(List<BundleSpec> bundles, MavenRepository repository)
            throws BootException {
        Map<BundleSpec, Path> files = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (BundleSpec bundle : bundles) {
            try {
                files.put(bundle, repository.resolve(bundle.location()));
            } catch (FeaturesException e) {
                missing.add(e.getMessage());
            }
        }
        if (!missing.isEmpty()) {
            throw new BootException("bundles missing from " + repository.root() + ":\n  "
                    + String.join("\n  ", missing));
        }
        return files;
    }

    /** Installs and starts the bundles; returns them in install order once the framework reached their level. */
    public List<Bundle> provision(Map<BundleSpec, Path> bundles) throws BootException, InterruptedException {
        Map<Bundle, BundleSpec> installed = new LinkedHashMap<>();
        for (Map.Entry<BundleSpec, Path> entry : bundles.entrySet()) {
            installed.put(install(entry.getKey(), entry.getValue()), entry.getKey());
        }
        Map<Bundle, Throwable> startErrors = new ConcurrentHashMap<>();
        FrameworkListener errors = event -> {
            if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null) {
                startErrors.put(event.getBundle(), event.getThrowable());
            }
        };
        context.addFrameworkListener(errors);
        try {
            for (Map.Entry<Bundle, BundleSpec> entry : installed.entrySet()) {
                markForStart(entry.getKey(), entry.getValue(), startErrors);
            }
            int level = installed.values().stream().mapToInt(BundleSpec::startLevel).max().orElse(1);
            raiseStartLevel(level);
        } finally {
            context.removeFrameworkListener(errors);
        }
        checkStarted(installed, startErrors);
        installed.entrySet().stream()
                .sorted(Comparator.comparingInt(entry -> entry.getValue().startLevel()))
                .forEach(entry -> LOG.log(Level.INFO, "started {0} {1} (start level {2})",
                        entry.getKey().getSymbolicName(), entry.getKey().getVersion(), entry.getValue().startLevel()));
        return List.copyOf(installed.keySet());
    }

    private Bundle install(BundleSpec spec, Path file) throws BootException {
        try {
            // reference: Felix reads the jar where it is instead of copying it into its cache (faster boot)
            Bundle bundle = context.installBundle(REFERENCE_PROTOCOL + file.toUri());
            bundle.adapt(BundleStartLevel.class).setStartLevel(spec.startLevel());
            LOG.log(Level.DEBUG, "installed {0} as {1} {2}", spec.location(), bundle.getSymbolicName(),
                    bundle.getVersion());
            return bundle;
        } catch (BundleException e) {
            throw new BootException("cannot install " + spec.location() + " from " + file + ": " + e.getMessage(), e);
        }
    }

    private static void markForStart(Bundle bundle, BundleSpec spec, Map<Bundle, Throwable> startErrors) {
        if (!spec.start() || isFragment(bundle)) {
            return;
        }
        try {
            // starts now if the framework is already at this level, otherwise when it gets there
            bundle.start();
        } catch (BundleException e) {
            startErrors.put(bundle, e);
        }
    }

    private void raiseStartLevel(int level) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class).setStartLevel(level,
                event -> reached.countDown());
        reached.await();
    }

    private static void checkStarted(Map<Bundle, BundleSpec> installed, Map<Bundle, Throwable> startErrors)
            throws BootException {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Bundle, BundleSpec> entry : installed.entrySet()) {
            Bundle bundle = entry.getKey();
            boolean shouldRun = entry.getValue().start() && !isFragment(bundle);
            if (shouldRun && bundle.getState() != Bundle.ACTIVE && bundle.getState() != Bundle.STARTING) {
                Throwable error = startErrors.get(bundle);
                failures.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + entry.getValue().location()
                        + ") did not start: " + (error == null ? "state " + bundle.getState() : describe(error)));
            }
        }
        if (!failures.isEmpty()) {
            throw new BootException("bundles failed to start:\n  " + String.join("\n  ", failures));
        }
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }
}
