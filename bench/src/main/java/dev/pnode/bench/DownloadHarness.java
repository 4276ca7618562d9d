package dev.pnode.bench;

import dev.pnode.central.CentralConfig;
import dev.pnode.central.PluginCentral;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Figure 6, pnode side, in its own JVM: {@code PluginCentral.install} (download with streaming SHA-256, OpenPGP
 * signature check with the key fetched from the central, plugin-meta check, atomic move) of one plugin, several
 * times; the first install in a fresh JVM is reported apart (class loading of Bouncy Castle and the HTTP client).
 *
 * <p>Usage: DownloadHarness BASE_URL NAME VERSION INSTALLS
 */
public final class DownloadHarness {

    private DownloadHarness() {
    }

    public static void main(String[] arguments) throws Exception {
        URI baseUrl = URI.create(arguments[0]);
        String name = arguments[1];
        String version = arguments[2];
        int installs = Integer.parseInt(arguments[3]);
        // the node logs progress at INFO; here it would only slow the console down
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        CentralConfig config = CentralConfig.defaults(baseUrl);
        PluginCentral central = new PluginCentral();
        Path baseDir = BenchEnvironment.scratchDirectory("central-install");
        try {
            Latencies warm = new Latencies();
            long size = 0;
            for (int i = 0; i <= installs; i++) {
                long started = System.nanoTime();
                Path installed = central.install(config, name, version, baseDir);
                long elapsed = System.nanoTime() - started;
                size = Files.size(installed);
                Files.delete(installed);
                Files.deleteIfExists(installed.resolveSibling(installed.getFileName() + ".sha256"));
                if (i == 0) {
                    System.out.println("first_install_ms=" + Report.format(elapsed / 1e6));
                } else {
                    warm.add(elapsed);
                }
            }
            System.out.println("bytes=" + size);
            System.out.println("install_ms_p50=" + Report.format(warm.percentileMicros(50) / 1000));
        } finally {
            Scratch.deleteQuietly(baseDir);
        }
        System.exit(0);
    }
}
