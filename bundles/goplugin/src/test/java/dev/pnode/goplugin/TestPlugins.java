package dev.pnode.goplugin;

import static org.junit.Assert.fail;

import dev.pnode.api.Handshake;
import dev.pnode.goplugin.testplugin.TestPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.rules.TemporaryFolder;

/** Launch specs for {@link TestPlugin} run as a real child JVM through a small shell entrypoint. */
final class TestPlugins {

    static final Handshake HANDSHAKE = new Handshake(1, TestPlugin.COOKIE_KEY, TestPlugin.COOKIE_VALUE);
    static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private TestPlugins() {
    }

    /** A shell script that runs a main class of the test classpath in a fresh JVM tuned for start-up time. */
    static Path javaEntrypoint(TemporaryFolder folder, String mainClass) throws IOException {
        Path script = folder.getRoot().toPath().resolve(mainClass.substring(mainClass.lastIndexOf('.') + 1) + ".sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
                + " -cp '" + System.getProperty("java.class.path") + "' " + mainClass + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Waits (up to 20 s) until a line of the plugin's recent output contains {@code expected}. */
    static void awaitOutput(PluginProcess process, String expected) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (process.recentOutput(100).stream().anyMatch(line -> line.contains(expected))) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no output line contains '" + expected + "': " + process.recentOutput(100));
    }

    static LaunchSpec spec(TemporaryFolder folder, String mode) throws IOException {
        return spec(folder, HANDSHAKE, START_TIMEOUT, Map.of("PNODE_TEST_EXTRA", "yes"), mode);
    }

    static LaunchSpec spec(TemporaryFolder folder, Handshake handshake, Duration startTimeout,
            Map<String, String> environment, String... arguments) throws IOException {
        Path root = folder.getRoot().toPath();
        return new LaunchSpec("test-" + arguments[0], javaEntrypoint(folder, TestPlugin.class.getName()),
                List.of(arguments), root, handshake, environment, startTimeout, root.resolve("run"));
    }
}
