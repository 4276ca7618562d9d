package dev.pnode.launcher.features;

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
}
