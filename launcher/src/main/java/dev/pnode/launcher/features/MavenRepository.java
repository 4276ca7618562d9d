package dev.pnode.launcher.features;

import java.nio.file.Files;
import java.nio.file.Path;

/** A directory in Maven repository layout, such as the distribution's {@code system/}. */
public final class MavenRepository {

    private final Path root;

    public MavenRepository(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The artifact's file; fails naming the URL and the path when it is not there. */
    public Path resolve(MavenCoordinates coordinates) throws FeaturesException {
        Path file = root.resolve(coordinates.repositoryPath());
        if (!Files.isRegularFile(file)) {
            throw new FeaturesException(coordinates + " not found: " + file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new FeaturesException(coordinates + " cannot be read: " + file + " is not readable");
        }
        return file;
    }
}
