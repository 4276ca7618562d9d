package dev.pnode.launcher.features;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code <feature>}: its bundles and the features it needs first.
 *
 * @param name unique within all loaded repositories
 * @param version as written, {@code 0.0.0} when absent
 * @param description human text, may be empty
 * @param dependencies the nested {@code <feature>} elements, in document order
 * @param bundles in document order
 * @param source the repository file that defines it (for error messages)
 */
public record Feature(String name, String version, String description, List<Dependency> dependencies,
        List<BundleSpec> bundles, Path source) {

    public Feature {
        dependencies = List.copyOf(dependencies);
        bundles = List.copyOf(bundles);
    }

    /**
     * A nested {@code <feature>} element.
     *
     * @param name the needed feature
     * @param version the exact version required, or null for any
     */
    public record Dependency(String name, String version) {
    }
}
