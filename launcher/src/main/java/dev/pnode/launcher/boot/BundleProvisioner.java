package dev.pnode.launcher.boot;

import dev.pnode.api.node.StartLevels;
import dev.pnode.launcher.features.BundleSpec;
import dev.pnode.launcher.features.FeaturesException;
import dev.pnode.launcher.features.MavenRepository;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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

    /**
     * Splits the bundles into those the boot installs ({@code false}) and the HTTP stack's (levels
     * {@link StartLevels#HTTP_STACK_FIRST} to {@link StartLevels#HTTP_STACK}) it leaves for later ({@code true}):
     * none when the boot needs the stack. Each keeps its order.
     *
     * @param httpStack whether an endpoint needs the HTTP stack at boot
     */
    public static Map<Boolean, Map<BundleSpec, Path>> splitHttpStack(Map<BundleSpec, Path> bundles,
            boolean httpStack) {
        Map<Boolean, Map<BundleSpec, Path>> split = Map.of(false, new LinkedHashMap<>(), true, new LinkedHashMap<>());
        bundles.forEach((spec, file) -> split.get(!httpStack && inHttpStack(spec)).put(spec, file));
        return split;
    }

    private static boolean inHttpStack(BundleSpec bundle) {
        return bundle.startLevel() >= StartLevels.HTTP_STACK_FIRST && bundle.startLevel() <= StartLevels.HTTP_STACK;
    }

    /**
     * On the running node: installs those of the bundles that are not installed and marks them for start, so that
     * they start in their order when the framework reaches their levels. For the rpc bundle's {@code admin_startHTTP}
     * (a service of the launcher, {@link StartLevels#HTTP_STACK_INSTALLER}). A kept bundle cache's next boot
     * uninstalls them again, as everything installed at run time.
     *
     * @throws IllegalStateException naming the bundle that cannot be installed or marked
     */
    synchronized void installLater(Map<BundleSpec, Path> bundles) {
        Map<Bundle, Throwable> errors = new LinkedHashMap<>();
        for (Map.Entry<BundleSpec, Path> entry : bundles.entrySet()) {
            if (context.getBundle(locationOf(entry.getValue())) != null) {
                continue;
            }
            try {
                markForStart(installOne(entry.getKey(), entry.getValue()), entry.getKey(), errors);
            } catch (BootException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        if (!errors.isEmpty()) {
            Map.Entry<Bundle, Throwable> error = errors.entrySet().iterator().next();
            throw new IllegalStateException("cannot mark " + error.getKey().getSymbolicName() + " for start: "
                    + error.getValue().getMessage(), error.getValue());
        }
        LOG.log(Level.INFO, "installed the HTTP stack ({0} bundles) on the running node", bundles.size());
    }

    /**
     * Installs the bundles, before the framework starts (after {@code init()}): with a bundle cache kept from the last
     * start ({@link BundleCache}), reconciles the cached bundles with the features instead, before any of them could
     * start from the cache.
     *
     * @param cacheFilledMillis with a kept cache, when it was filled
     * @return the bundles, in install order, with their feature entries
     */
    public Map<Bundle, BundleSpec> install(Map<BundleSpec, Path> bundles, OptionalLong cacheFilledMillis)
            throws BootException {
        return cacheFilledMillis.isPresent() ? reconcile(bundles, cacheFilledMillis.getAsLong()) : installAll(bundles);
    }

    /**
     * Starts the installed bundles; returns them in install order once the framework reached their level. Without
     * {@code httpStack} the framework stops below {@link StartLevels#HTTP_STACK_FIRST}: the HTTP stack's bundles, if
     * installed at all, are marked for start and start when something raises the framework to
     * {@link StartLevels#HTTP_STACK} later.
     *
     * @param httpStack whether an endpoint needs the HTTP stack at boot
     */
    public List<Bundle> start(Map<Bundle, BundleSpec> installed, boolean httpStack)
            throws BootException, InterruptedException {
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
            raiseStartLevel(bootLevel(installed.values(), httpStack));
        } finally {
            context.removeFrameworkListener(errors);
        }
        int reached = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class)
                .getStartLevel();
        checkStarted(installed, startErrors, reached);
        installed.entrySet().stream()
                .filter(entry -> entry.getValue().startLevel() <= reached)
                .sorted(Comparator.comparingInt(entry -> entry.getValue().startLevel()))
                .forEach(entry -> LOG.log(Level.INFO, "started {0} {1} (start level {2})",
                        entry.getKey().getSymbolicName(), entry.getKey().getVersion(), entry.getValue().startLevel()));
        if (!httpStack) {
            LOG.log(Level.INFO, "the HTTP stack (start levels {0}-{1}) is installed when an endpoint needs it",
                    StartLevels.HTTP_STACK_FIRST, StartLevels.HTTP_STACK);
        }
        return List.copyOf(installed.keySet());
    }

    /**
     * The highest level of the bundles, below the HTTP stack's unless it is needed; then at least
     * {@link StartLevels#HTTP_STACK}, which the endpoints wait for.
     */
    static int bootLevel(Collection<BundleSpec> bundles, boolean httpStack) {
        int highest = bundles.stream().mapToInt(BundleSpec::startLevel)
                .filter(level -> httpStack || level < StartLevels.HTTP_STACK_FIRST).max().orElse(1);
        return httpStack ? Math.max(highest, StartLevels.HTTP_STACK) : highest;
    }

    private Map<Bundle, BundleSpec> installAll(Map<BundleSpec, Path> bundles) throws BootException {
        Map<Bundle, BundleSpec> installed = new LinkedHashMap<>();
        for (Map.Entry<BundleSpec, Path> entry : bundles.entrySet()) {
            installed.put(installOne(entry.getKey(), entry.getValue()), entry.getKey());
        }
        return installed;
    }

    /**
     * The kept cache made what a fresh one would: bundles installed at run time (shell, hot deploy, which installs
     * its folder's bundles again) uninstalled, feature bundles uninstalled at run time installed again, and those
     * updated at run time (modified after the cache was filled) read again from their feature's file. Nothing is
     * resolved yet, so no refresh is needed: Felix drops the replaced and uninstalled revisions at once.
     */
    private Map<Bundle, BundleSpec> reconcile(Map<BundleSpec, Path> bundles, long cacheFilledMillis)
            throws BootException {
        Map<String, Bundle> cached = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0) {
                cached.put(bundle.getLocation(), bundle);
            }
        }
        Map<Bundle, BundleSpec> installed = new LinkedHashMap<>();
        try {
            for (Map.Entry<BundleSpec, Path> entry : bundles.entrySet()) {
                BundleSpec spec = entry.getKey();
                Bundle bundle = cached.remove(locationOf(entry.getValue()));
                if (bundle == null) {
                    installed.put(installOne(spec, entry.getValue()), spec);
                    continue;
                }
                if (bundle.getLastModified() > cacheFilledMillis) {
                    LOG.log(Level.INFO, "{0} was changed at run time: read again from {1}", bundle.getSymbolicName(),
                            entry.getValue());
                    bundle.update();
                }
                bundle.adapt(BundleStartLevel.class).setStartLevel(spec.startLevel());
                installed.put(bundle, spec);
            }
            for (Bundle extra : cached.values()) {
                LOG.log(Level.DEBUG, "uninstalling {0} ({1}), installed at run time", extra.getSymbolicName(),
                        extra.getLocation());
                extra.uninstall();
            }
        } catch (BundleException e) {
            throw new BootException("cannot reconcile the kept bundle cache with the features: " + e.getMessage(), e);
        }
        return installed;
    }

    private static String locationOf(Path file) {
        // reference: Felix reads the jar where it is instead of copying it into its cache (faster boot)
        return REFERENCE_PROTOCOL + file.toUri();
    }

    private Bundle installOne(BundleSpec spec, Path file) throws BootException {
        try {
            Bundle bundle = context.installBundle(locationOf(file));
            bundle.adapt(BundleStartLevel.class).setStartLevel(spec.startLevel());
            LOG.log(Level.DEBUG, "installed {0} as {1} {2}", spec.location(), bundle.getSymbolicName(),
                    bundle.getVersion());
            return bundle;
        } catch (BundleException e) {
            throw new BootException("cannot install " + spec.location() + " from " + file + ": " + e.getMessage(), e);
        }
    }

    private static void markForStart(Bundle bundle, BundleSpec spec, Map<Bundle, Throwable> startErrors) {
        if (isFragment(bundle)) {
            return;
        }
        try {
            if (spec.start()) {
                // starts now if the framework is already at this level, otherwise when it gets there
                bundle.start();
            } else {
                // not started yet: only clears a start recorded in a kept cache (a bundle started at run time)
                bundle.stop();
            }
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

    /** @param reached the framework's start level: bundles above it are not meant to run yet */
    private static void checkStarted(Map<Bundle, BundleSpec> installed, Map<Bundle, Throwable> startErrors,
            int reached) throws BootException {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Bundle, BundleSpec> entry : installed.entrySet()) {
            Bundle bundle = entry.getKey();
            boolean shouldRun = entry.getValue().start() && entry.getValue().startLevel() <= reached
                    && !isFragment(bundle);
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
