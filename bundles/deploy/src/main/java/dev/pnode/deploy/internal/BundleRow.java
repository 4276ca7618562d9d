package dev.pnode.deploy.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * What the commands show and select bundles by: a snapshot of one bundle.
 *
 * @param name the symbolic name, or the location for a bundle without one
 */
record BundleRow(long id, String state, int startLevel, String name, String version) {

    /** Also for an uninstalled bundle (level 0 then), as refreshes report the ones they clean up. */
    static BundleRow of(Bundle bundle) {
        int state = bundle.getState();
        BundleStartLevel startLevel = state == Bundle.UNINSTALLED ? null : bundle.adapt(BundleStartLevel.class);
        String name = bundle.getSymbolicName() != null ? bundle.getSymbolicName() : bundle.getLocation();
        int level = startLevel == null ? 0 : startLevel.getStartLevel();
        return new BundleRow(bundle.getBundleId(), stateName(state), level, name, bundle.getVersion().toString());
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN(" + state + ")";
        };
    }

    /** E.g. {@code 42 dev.pnode.example.kvstore.interface 0.1.0.SNAPSHOT}. */
    String describe() {
        return id + " " + name + " " + version;
    }
}
