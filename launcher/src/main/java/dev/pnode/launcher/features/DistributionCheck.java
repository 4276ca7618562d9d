package dev.pnode.launcher.features;

import dev.pnode.launcher.boot.SystemPackages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Build-time check of an assembled distribution: every feature in {@code etc/features.xml} resolves, every
 * bundle it names is in {@code system/}, and every JDK package a bundle imports is one the system bundle exports
 * ({@link SystemPackages}). Run by the launcher's Maven build so that a bundle added to features.xml but not to the
 * launcher's dependencies, or one importing another JDK package, fails the build instead of the first boot.
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
        Set<Path> bundleFiles = new LinkedHashSet<>();
        for (Feature feature : repository.features()) {
            try {
                for (BundleSpec bundle : resolver.resolve(List.of(feature.name()))) {
                    bundleFiles.add(system.resolve(bundle.location()));
                }
            } catch (FeaturesException e) {
                problems.add("feature '" + feature.name() + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new FeaturesException("the distribution in " + home + " is incomplete (add the missing bundles as"
                    + " dependencies of pnode-launcher):\n  " + String.join("\n  ", problems));
        }
        for (Path bundleFile : bundleFiles) {
            List<String> unlisted = SystemPackages.unlisted(manifest(bundleFile).getMainAttributes());
            if (!unlisted.isEmpty()) {
                problems.add(bundleFile.getFileName() + " imports " + String.join(", ", unlisted));
            }
        }
        if (!problems.isEmpty()) {
            throw new FeaturesException("bundles import JDK packages the system bundle does not export (add them to"
                    + " SystemPackages.JDK_IMPORTS):\n  " + String.join("\n  ", problems));
        }
        System.getLogger(DistributionCheck.class.getName()).log(System.Logger.Level.INFO,
                "distribution {0}: {1} features, every bundle present, their JDK imports exported", home,
                repository.features().size());
    }

    private static Manifest manifest(Path bundleFile) throws FeaturesException {
        try (JarFile jar = new JarFile(bundleFile.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new FeaturesException(bundleFile + " has no manifest");
            }
            return manifest;
        } catch (IOException e) {
            throw new FeaturesException("cannot read " + bundleFile + ": " + e, e);
        }
    }
}
