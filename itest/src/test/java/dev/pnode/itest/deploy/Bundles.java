package dev.pnode.itest.deploy;

import java.util.Arrays;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Looking bundles up by symbolic name, and waiting for the state the node puts them in. */
final class Bundles {

    private Bundles() {
    }

    static Optional<Bundle> find(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst();
    }

    static Bundle await(BundleContext context, String symbolicName, int state) throws InterruptedException {
        Eventually.await(symbolicName + " in state " + state, () -> find(context, symbolicName)
                .map(bundle -> bundle.getState() == state).orElse(false));
        return find(context, symbolicName).orElseThrow();
    }
}
