package dev.pnode.launcher.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build-time check of an assembled distribution: every feature in {@code etc/features.xml} resolves and every
 * bundle it names is in {@code system/}. Run by the launcher's Maven build so that a bundle added to
 * features.xml but not to the launcher's dependencies fails the build instead of the first boot.
 */
public final class DistributionCheck {

    private DistributionCheck() {
    }

    /** Argument: the distribution directory. Throws (failing the build) with every problem found. */
    public static void main(String[] arguments) throws FeaturesException {
        if (arguments.length != 1) {
            throw new IllegalArgumentException("usage: DistributionCheck DISTRIBUTION_DIR");
        }
        Path home = Path.of(arguments[0]);
        MavenRepository system = new MavenRepository(home.resolve("system"));
        FeaturesRepository repository = FeaturesRepository.load(List.of(home.resolve("etc/features.xml")), system);
        FeatureResolver resolver = new FeatureResolver(repository);
        List<String> problems = new ArrayList<>();
        for (Feature feature : repository.features()) {
            try {
                for (BundleSpec bundle : resolver.resolve(List.of(feature.name()))) {
                    system.resolve(bundle.location());
                }
            } catch (FeaturesException e) {
                problems.add("feature '" + feature.name() + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new FeaturesException("the distribution in " + home + " is incomplete (add the missing bundles as"
                    + " dependencies of pnode-launcher):\n  " + String.join("\n  ", problems));
        }
        System.getLogger(DistributionCheck.class.getName()).log(System.Logger.Level.INFO,
                "distribution {0}: {1} features, every bundle present", home, repository.features().size());
    }
}
