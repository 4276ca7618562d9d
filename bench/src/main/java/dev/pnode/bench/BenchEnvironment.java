package dev.pnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks find what they run. bench/run passes these as system properties, so JMH's forked JVMs see
 * them too.
 *
 * @param home the node distribution (launcher/target/pnode): bin/pnode, lib/, system/
 * @param pluginZips the directory holding the example plugin zips
 */
record BenchEnvironment(Path home, Path pluginZips) {

    static final String HOME_PROPERTY = "pnode.bench.home";
    static final String PLUGIN_ZIPS_PROPERTY = "pnode.bench.pluginZips";
    static final String JAVA_PLUGIN_ZIP = "helloworld-1.0.0.zip";
    static final String GO_PLUGIN_ZIP = "helloworld-go-1.0.0-linux-amd64.zip";

    static BenchEnvironment fromSystemProperties() {
        return new BenchEnvironment(required(HOME_PROPERTY), required(PLUGIN_ZIPS_PROPERTY));
    }

    private static Path required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (bench/run sets it)");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    Path pluginZip(PluginKind kind) {
        Path zip = pluginZips.resolve(kind == PluginKind.JAVA ? JAVA_PLUGIN_ZIP : GO_PLUGIN_ZIP);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("plugin zip " + zip + " is missing (mvn package in bench/ copies it)");
        }
        return zip;
    }

    Path launcherScript() {
        return home.resolve("bin/pnode");
    }

    /** A fresh private scratch directory with a short path: unix socket paths must stay under 108 bytes. */
    static Path scratchDirectory(String purpose) throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), "pnb-" + purpose + "-");
    }

    enum PluginKind {
        /** the Java helloworld example (SDK), the distribution's default plugin */
        JAVA,
        /** the Go helloworld example, built with HashiCorp go-plugin 1.0.1 */
        GO;

        static PluginKind parse(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
