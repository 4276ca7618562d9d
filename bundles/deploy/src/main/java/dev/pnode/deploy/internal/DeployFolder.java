package dev.pnode.deploy.internal;

import dev.pnode.api.node.NodeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The hot deploy folder Felix FileInstall watches. A jar is written next to its final place under a name the watcher
 * ignores and then renamed atomically, so the watcher only ever sees a complete bundle.
 */
final class DeployFolder {

    /** FileInstall's own setting; the launcher sets it to {@code <datadir>/deploy}. */
    static final String FILEINSTALL_DIR = "felix.fileinstall.dir";

    private final Path directory;

    DeployFolder(Path directory) {
        this.directory = directory;
    }

    /**
     * @param fileInstallDir the {@code felix.fileinstall.dir} framework property, if set
     * @param dataDir the {@code pnode.datadir} framework property, if set
     */
    static DeployFolder of(Optional<String> fileInstallDir, Optional<String> dataDir) {
        Path directory = fileInstallDir.filter(dir -> !dir.isBlank()).map(Path::of)
                .or(() -> dataDir.filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "deploy")))
                .orElseThrow(() -> new IllegalStateException("no deploy folder: neither " + FILEINSTALL_DIR
                        + " nor " + NodeProperties.DATADIR + " is set"));
        return new DeployFolder(directory.toAbsolutePath().normalize());
    }

    Path directory() {
        return directory;
    }

    /**
     * Copies the bundle at {@code url} into the folder as {@code <name>.jar}, replacing a jar of that name.
     *
     * @return what was done, for the user
     * @throws IllegalArgumentException when the URL names no file or does not hold a bundle
     */
    String install(String url) throws IOException {
        Path target = directory.resolve(jarName(Locations.fileName(url)));
        Files.createDirectories(directory);
        Path copy = BundleArchive.download(url, directory);
        try {
            String bundle = BundleArchive.identify(copy, url);
            boolean replacing = Files.exists(target);
            Files.move(copy, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return (replacing ? "Replaced " : "Copied ") + bundle + " to " + target
                    + (replacing ? "; the running bundle is updated" : "; it is installed and started")
                    + " within a few seconds";
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** The watcher only picks up {@code *.jar}; hidden names are refused because they are easy to overlook. */
    static String jarName(String fileName) {
        if (fileName.startsWith(".")) {
            throw new IllegalArgumentException("refusing the hidden file name '" + fileName
                    + "': the deploy folder is for visible *.jar files");
        }
        return fileName.endsWith(".jar") ? fileName : fileName + ".jar";
    }
}
