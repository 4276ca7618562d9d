package dev.pnode.launcher.features;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All features of one or more features XML files and the files their {@code <repository>} elements name,
 * by feature name. A {@code <repository>} is a {@code mvn:} URL (looked up in the bundle repository), a
 * {@code file:} URI, or a path relative to the file that names it.
 */
public final class FeaturesRepository {

    private final Map<String, Feature> features;
    private final List<Path> files;

    private FeaturesRepository(Map<String, Feature> features, List<Path> files) {
        this.features = Collections.unmodifiableMap(features);
        this.files = List.copyOf(files);
    }

    /** Loads the files and, transitively, every repository they reference (each file once). */
    public static FeaturesRepository load(List<Path> files, MavenRepository bundles) throws FeaturesException {
        Map<String, Feature> features = new LinkedHashMap<>();
        Set<Path> loaded = new LinkedHashSet<>();
        List<Path> pending = new ArrayList<>();
        for (Path file : files) {
            pending.add(file.toAbsolutePath().normalize());
        }
        while (!pending.isEmpty()) {
            Path file = pending.remove(0);
            if (!loaded.add(file)) {
                continue;
            }
            FeaturesDocument document = FeaturesXmlParser.parse(file);
            for (String reference : document.repositories()) {
                pending.add(locate(reference, file, bundles));
            }
            for (Feature feature : document.features()) {
                Feature earlier = features.putIfAbsent(feature.name(), feature);
                if (earlier != null) {
                    throw new FeaturesException("feature '" + feature.name() + "' is defined in both "
                            + earlier.source() + " and " + file);
                }
            }
        }
        return new FeaturesRepository(features, new ArrayList<>(loaded));
    }

    private static Path locate(String reference, Path referencingFile, MavenRepository bundles)
            throws FeaturesException {
        try {
            if (reference.startsWith("mvn:")) {
                return bundles.resolve(MavenCoordinates.parse(reference));
            }
            if (reference.startsWith("file:")) {
                return Path.of(URI.create(reference)).normalize();
            }
            if (reference.contains(":") && !Path.of(reference).isAbsolute()) {
                throw new FeaturesException("only mvn:, file: and plain paths are supported");
            }
            return referencingFile.resolveSibling(reference).normalize();
        } catch (FeaturesException | IllegalArgumentException e) {
            throw new FeaturesException("<repository>" + reference + "</repository> in " + referencingFile
                    + " cannot be used: " + e.getMessage(), e);
        }
    }

    public Optional<Feature> feature(String name) {
        return Optional.ofNullable(features.get(name));
    }

    public Collection<Feature> features() {
        return features.values();
    }

    /** The files loaded, for messages. */
    public List<Path> files() {
        return files;
    }
}
