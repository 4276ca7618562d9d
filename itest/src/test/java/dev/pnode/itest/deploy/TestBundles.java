package dev.pnode.itest.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Tiny bundles made on the fly (no code, so they start at once), and the ways of putting them into a folder. */
final class TestBundles {

    private TestBundles() {
    }

    static byte[] bundle(String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("about.txt"));
            // padding, so that a half-written copy takes several writes
            jar.write(("test bundle " + symbolicName + " " + version + "\n").repeat(2000)
                    .getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Writes next to the target under a name FileInstall ignores, then renames: the watcher sees the whole file. */
    static Path putAtomically(byte[] content, Path target) throws IOException {
        Path temporary = Files.write(target.resolveSibling("." + target.getFileName() + ".part"), content);
        return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
