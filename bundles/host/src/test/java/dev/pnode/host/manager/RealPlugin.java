package dev.pnode.host.manager;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** What the tests that run the real Java helloworld plugin share. */
final class RealPlugin {

    /** Copied here by the build (maven-dependency-plugin) from the example module's {@code plugin} zip. */
    static final Path HELLOWORLD_ZIP = Path.of("target/test-plugins/helloworld-1.0.0.zip");

    /** How long a test waits for a process to start or stop before it fails; only a bound, never asserted on. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private RealPlugin() {
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Writes {@code <name>-1.0.0.zip} into {@code plugins}: a plugin whose entrypoint is a shell script with this body. */
    static void scriptPlugin(Path plugins, String name, String body) throws IOException {
        try (OutputStream file = Files.newOutputStream(plugins.resolve(name + "-1.0.0.zip"));
                ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("plugin-meta.json"));
            zip.write(("{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"entrypoint\":\"run\",\"parameters\":[]}")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("run"));
            zip.write(("#!/bin/sh\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
