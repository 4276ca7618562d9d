package dev.pnode.launcher.features;

import java.nio.file.Path;
import java.util.List;

/**
 * One parsed features XML file.
 *
 * @param name the {@code name} of {@code <features>}
 * @param repositories the {@code <repository>} entries, as written
 * @param features the features it defines, in document order
 * @param source the file
 */
public record FeaturesDocument(String name, List<String> repositories, List<Feature> features, Path source) {

    public FeaturesDocument {
        repositories = List.copyOf(repositories);
        features = List.copyOf(features);
    }
}
