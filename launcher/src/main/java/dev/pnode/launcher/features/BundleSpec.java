package dev.pnode.launcher.features;

import java.util.Objects;

/**
 * One {@code <bundle>} of a feature.
 *
 * @param location the bundle's {@code mvn:} URL, as written
 * @param startLevel the OSGi start level (default {@link #DEFAULT_START_LEVEL})
 * @param start whether the bundle is started, or only installed
 */
public record BundleSpec(MavenCoordinates location, int startLevel, boolean start) {

    /** Karaf's default start level for feature bundles. */
    public static final int DEFAULT_START_LEVEL = 80;

    /** Written out for the reason {@link MavenCoordinates#equals} is: bundle specs are map keys at every start. */
    @Override
    public boolean equals(Object other) {
        return other instanceof BundleSpec that && Objects.equals(location, that.location)
                && startLevel == that.startLevel && start == that.start;
    }

    @Override
    public int hashCode() {
        return (31 * Objects.hashCode(location) + startLevel) * 31 + Boolean.hashCode(start);
    }
}
