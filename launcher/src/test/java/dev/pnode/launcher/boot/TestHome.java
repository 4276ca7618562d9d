package dev.pnode.launcher.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A pnode.home for tests that boot a real Felix: the real features file, and the local Maven repository as system/. */
final class TestHome {

    private TestHome() {
    }

    static Path create(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("etc"));
        try (InputStream features = TestHome.class.getResourceAsStream("/features/features.xml")) {
            Files.copy(features, folder.resolve("etc/features.xml"));
        }
        Files.createSymbolicLink(folder.resolve(Node.SYSTEM_REPOSITORY),
                Path.of(System.getProperty("pnode.test.repository")));
        return folder;
    }
}
