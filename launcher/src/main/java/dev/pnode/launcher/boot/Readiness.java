package dev.pnode.launcher.boot;

import dev.pnode.api.node.ReadinessProperties;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * The readiness convention: a service with {@code pnode.readiness} = {@code starting} | {@code ready} |
 * {@code failed} (and {@code pnode.readiness.message}) holds the boot until it is no longer starting; a failed
 * one fails the boot with its message.
 */
public final class Readiness {

    public static final String PROPERTY = ReadinessProperties.STATE;
    public static final String MESSAGE = ReadinessProperties.MESSAGE;
    public static final String STARTING = ReadinessProperties.STARTING;
    public static final String FAILED = ReadinessProperties.FAILED;

    private static final System.Logger LOG = System.getLogger(Readiness.class.getName());
    private static final long RECHECK_MILLIS = 200;

    private Readiness() {
    }

    /** Returns when no service says starting; throws if one failed or the timeout passed. */
    public static void await(BundleContext context, Duration timeout) throws BootException, InterruptedException {
        await(context, timeout, RECHECK_MILLIS);
    }

    /** @param recheckMillis how long to wait for a change before looking again anyway */
    static void await(BundleContext context, Duration timeout, long recheckMillis) throws BootException,
            InterruptedException {
        Object changed = new Object();
        // an AllServiceListener: a plain ServiceListener hears only of services whose types the launcher's class
        // loader shares with their bundle, and the launcher has its own copy of pnode-api, whose types the plugin
        // host registers under, so the boot noticed the host's readiness only at the next recheck (100 ms late on
        // average: BENCHMARKS.md, session 9)
        AllServiceListener listener = event -> {
            synchronized (changed) {
                changed.notifyAll();
            }
        };
        String filter = "(" + PROPERTY + "=*)";
        try {
            context.addServiceListener(listener, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean announced = false;
            while (true) {
                List<ServiceReference<?>> starting = new ArrayList<>();
                for (ServiceReference<?> service : services(context, filter)) {
                    Object state = service.getProperty(PROPERTY);
                    if (FAILED.equals(state)) {
                        throw new BootException(describe(service) + " failed: " + message(service));
                    }
                    if (STARTING.equals(state)) {
                        starting.add(service);
                    }
                }
                if (starting.isEmpty()) {
                    return;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new BootException("still starting after " + timeout.toSeconds() + " s (StartupTimeout): "
                            + String.join("; ", starting.stream()
                                    .map(service -> describe(service) + ": " + message(service)).toList()));
                }
                if (!announced) {
                    LOG.log(Level.INFO, "waiting for {0} to be ready", String.join(", ",
                            starting.stream().map(Readiness::describe).toList()));
                    announced = true;
                }
                synchronized (changed) {
                    changed.wait(Math.min(recheckMillis, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
                }
            }
        } finally {
            context.removeServiceListener(listener);
        }
    }

    private static List<ServiceReference<?>> services(BundleContext context, String filter) {
        try {
            ServiceReference<?>[] services = context.getAllServiceReferences(null, filter);
            return services == null ? List.of() : Arrays.asList(services);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(ServiceReference<?> service) {
        String classes = String.join(", ", (String[]) service.getProperty(Constants.OBJECTCLASS));
        return service.getBundle() == null ? classes : classes + " of " + service.getBundle().getSymbolicName();
    }

    private static String message(ServiceReference<?> service) {
        Object message = service.getProperty(MESSAGE);
        return message == null ? "(no " + MESSAGE + ")" : message.toString();
    }
}
