package dev.pnode.deploy.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Refreshes exactly the given bundles and what is wired to them ({@link FrameworkWiring#refreshBundles}), waits for
 * the framework to finish and says which bundles it refreshed. Never refreshes everything: an empty request means
 * "the bundles pending removal", and nothing when there are none.
 */
final class Refresher {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final FrameworkWiring wiring;

    Refresher(BundleContext context) {
        this.wiring = context.getBundle(0).adapt(FrameworkWiring.class);
    }

    /** @return e.g. {@code Refreshed 2 bundle(s): 41 a.b 1.0.0, 42 c.d 2.0.0} */
    String refresh(Collection<Bundle> requested) throws InterruptedException {
        Collection<Bundle> roots = requested.isEmpty() ? wiring.getRemovalPendingBundles() : requested;
        if (roots.isEmpty()) {
            return "Nothing to refresh: no bundle is pending removal.";
        }
        // computed before the refresh: afterwards uninstalled bundles have left the closure
        List<String> affected = wiring.getDependencyClosure(roots).stream()
                .sorted(Comparator.comparingLong(Bundle::getBundleId))
                .map(bundle -> BundleRow.of(bundle).describe())
                .collect(Collectors.toList());
        CountDownLatch refreshed = new CountDownLatch(1);
        wiring.refreshBundles(roots, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        if (!refreshed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the refresh of " + String.join(", ", affected) + " did not finish within "
                    + TIMEOUT.toSeconds() + " s; check the node log");
        }
        return "Refreshed " + affected.size() + " bundle(s): " + String.join(", ", affected);
    }
}
