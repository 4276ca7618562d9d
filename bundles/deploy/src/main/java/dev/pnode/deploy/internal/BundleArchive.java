package dev.pnode.deploy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.BundleException;

/** A local copy of a bundle jar, checked to be an OSGi bundle before anything is installed from it. */
final class BundleArchive {

    private BundleArchive() {
    }

    /**
     * Copies what the URL points at into a new file in {@code directory} whose name does not end in {@code .jar}
     * (so that a deploy folder watcher ignores it while it is being written).
     *
     * @throws IOException naming the URL when it cannot be read
     */
    static Path download(String url, Path directory) throws IOException {
        Path temporary = Files.createTempFile(directory, ".pnode-", ".part");
        try (InputStream in = URI.create(url).toURL().openStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            return temporary;
        } catch (IOException | IllegalArgumentException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("cannot read " + url + ": " + e, e);
        }
    }

    /** What is done with a checked bundle's content. */
    @FunctionalInterface
    interface ContentUse<T> {
        T apply(InputStream content) throws IOException, BundleException;
    }

    /**
     * Downloads the URL to a temporary file, checks that it is a bundle and hands its content to {@code use}; the
     * copy is deleted afterwards. The framework never sees a file that is not a bundle.
     */
    static <T> T useChecked(String url, ContentUse<T> use) throws IOException, BundleException {
        Path copy = download(url, Path.of(System.getProperty("java.io.tmpdir")));
        try {
            identify(copy, url);
            try (InputStream content = Files.newInputStream(copy)) {
                return use.apply(content);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /**
     * @param shownAs how to name the file in errors (the user's location rather than a temporary file)
     * @return {@code symbolic-name version} of the bundle
     * @throws IllegalArgumentException when the file is not a jar or its manifest has no Bundle-SymbolicName
     */
    static String identify(Path jar, String shownAs) {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new IllegalArgumentException(shownAs + " is not a bundle: it is not a readable jar (" + e.getMessage()
                    + ")", e);
        }
        if (manifest == null) {
            throw new IllegalArgumentException(shownAs + " is not a bundle: it has no META-INF/MANIFEST.MF");
        }
        Attributes attributes = manifest.getMainAttributes();
        String symbolicName = attributes.getValue("Bundle-SymbolicName");
        if (symbolicName == null || symbolicName.isBlank()) {
            throw new IllegalArgumentException(shownAs
                    + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
        }
        String version = attributes.getValue("Bundle-Version");
        return symbolicName.split(";", 2)[0].strip() + " " + (version == null ? "0.0.0" : version.strip());
    }
}
