package dev.pnode.host.manager;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

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
}
