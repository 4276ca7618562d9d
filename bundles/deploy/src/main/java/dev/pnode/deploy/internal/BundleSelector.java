package dev.pnode.deploy.internal;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Finds the bundle a user means by {@code ID|BSN}: a bundle id, or a symbolic name naming exactly one bundle. */
final class BundleSelector {

    private BundleSelector() {
    }

    /** The installed bundle meant by {@code idOrName}; see {@link #select(String, List)}. */
    static Bundle select(String idOrName, BundleContext context) {
        List<BundleRow> rows = Arrays.stream(context.getBundles()).map(BundleRow::of).toList();
        Bundle bundle = context.getBundle(select(idOrName, rows).id());
        if (bundle == null) {
            throw new IllegalArgumentException("bundle " + idOrName + " was uninstalled meanwhile");
        }
        return bundle;
    }

    /** As {@link #select(String, BundleContext)}, refusing the framework itself (for stop and uninstall). */
    static Bundle selectNotFramework(String idOrName, BundleContext context) {
        Bundle bundle = select(idOrName, context);
        if (bundle.getBundleId() == 0) {
            throw new IllegalArgumentException("bundle 0 is the framework itself: stop the node instead");
        }
        return bundle;
    }

    /** @throws IllegalArgumentException when nothing or more than one bundle matches, naming the candidates */
    static BundleRow select(String idOrName, List<BundleRow> bundles) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new IllegalArgumentException("no bundle given: pass a bundle ID or symbolic name (see bundle:list)");
        }
        String wanted = idOrName.strip();
        if (wanted.chars().allMatch(Character::isDigit)) {
            long id = parseId(wanted);
            return bundles.stream().filter(row -> row.id() == id).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no bundle with ID " + id + " (see bundle:list)"));
        }
        List<BundleRow> named = bundles.stream().filter(row -> row.name().equals(wanted)).toList();
        if (named.isEmpty()) {
            throw new IllegalArgumentException("no bundle named '" + wanted + "' (see bundle:list)");
        }
        if (named.size() > 1) {
            throw new IllegalArgumentException("'" + wanted + "' names " + named.size() + " bundles ("
                    + named.stream().map(BundleRow::describe).collect(Collectors.joining(", "))
                    + "): give the ID");
        }
        return named.get(0);
    }

    private static long parseId(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bundle ID " + digits + " is too large", e);
        }
    }
}
