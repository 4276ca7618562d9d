package dev.pnode.launcher.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the names of the features to boot into the bundles to install: dependencies before the features
 * that need them, each bundle once. A bundle listed by several features keeps its lowest start level and is
 * started if any feature starts it.
 */
public final class FeatureResolver {

    private final FeaturesRepository repository;

    public FeatureResolver(FeaturesRepository repository) {
        this.repository = repository;
    }

    /** The bundles of the named features and everything they depend on, in install order. */
    public List<BundleSpec> resolve(List<String> featureNames) throws FeaturesException {
        if (featureNames.isEmpty()) {
            throw new FeaturesException("no features to boot: name at least one (available: " + available() + ")");
        }
        Set<String> done = new LinkedHashSet<>();
        Map<MavenCoordinates, BundleSpec> bundles = new LinkedHashMap<>();
        for (String name : featureNames) {
            visit(name, null, new ArrayList<>(), done, bundles);
        }
        return List.copyOf(bundles.values());
    }

    private void visit(String name, Feature.Dependency dependency, List<String> path, Set<String> done,
            Map<MavenCoordinates, BundleSpec> bundles) throws FeaturesException {
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new FeaturesException("features depend on each other in a cycle: " + String.join(" -> ", cycle));
        }
        Feature feature = repository.feature(name).orElseThrow(() -> new FeaturesException("feature '" + name
                + "'" + (path.isEmpty() ? "" : " (needed by '" + path.get(path.size() - 1) + "')")
                + " is not defined in " + repository.files() + " (available: " + available() + ")"));
        if (dependency != null && dependency.version() != null && !dependency.version().equals(feature.version())) {
            throw new FeaturesException("feature '" + path.get(path.size() - 1) + "' needs " + name + " version "
                    + dependency.version() + ", but " + feature.source() + " defines version " + feature.version());
        }
        if (done.contains(name)) {
            return;
        }
        path.add(name);
        for (Feature.Dependency needed : feature.dependencies()) {
            visit(needed.name(), needed, path, done, bundles);
        }
        path.remove(path.size() - 1);
        done.add(name);
        for (BundleSpec bundle : feature.bundles()) {
            bundles.merge(bundle.location(), bundle, (first, again) -> new BundleSpec(first.location(),
                    Math.min(first.startLevel(), again.startLevel()), first.start() || again.start()));
        }
    }

    private String available() {
        return String.join(", ", repository.features().stream().map(Feature::name).toList());
    }
}
