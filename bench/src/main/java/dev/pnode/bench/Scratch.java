package dev.pnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the benchmarks' scratch directories. */
final class Scratch {

    private Scratch() {
    }

    static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a socket the plugin still holds; /tmp is cleaned eventually
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
