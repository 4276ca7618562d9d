package dev.pnode.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the classes of a module that concatenate strings through {@code invokedynamic}: javac's default for Java 9+
 * ({@code StringConcatFactory.makeConcatWithConstants}), whose first run of each call site spins method handle classes
 * that no class data sharing archive of JDK 17 keeps, on every start of the plugin. A module compiled with
 * {@code -XDstringConcat=inline} has none. For the tests of the SDK and of plugins built with it.
 */
public final class StringConcatCheck {

    private static final byte[] BOOTSTRAP = "makeConcatWithConstants".getBytes(StandardCharsets.US_ASCII);

    private StringConcatCheck() {
    }

    /** The classes (as paths inside their jar or directory) next to {@code type} that bootstrap string concatenation. */
    public static List<String> classesWithIndyConcat(Class<?> type) {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return scan(location);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return scan(jar.getPath("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> scan(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class")).filter(StringConcatCheck::bootstraps)
                    .map(file -> root.relativize(file).toString()).sorted().toList();
        }
    }

    private static boolean bootstraps(Path classFile) {
        try {
            byte[] bytes = Files.readAllBytes(classFile);
            for (int i = 0; i <= bytes.length - BOOTSTRAP.length; i++) {
                if (matchesAt(bytes, i)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean matchesAt(byte[] bytes, int offset) {
        for (int j = 0; j < BOOTSTRAP.length; j++) {
            if (bytes[offset + j] != BOOTSTRAP[j]) {
                return false;
            }
        }
        return true;
    }
}
