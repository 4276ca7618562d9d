package dev.pnode.bench;

import dev.pnode.central.CentralConfig;
import dev.pnode.central.PluginCentral;
import dev.pnode.central.publish.CentralKeys;
import dev.pnode.central.publish.CentralPublisher;
import dev.pnode.central.publish.DigestSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Figure 6: a signed 50 MiB plugin zip on a local central (a static HTTP server in its own JVM), installed with
 * {@code PluginCentral.install} (download, SHA-256, OpenPGP check, plugin-meta check, atomic move) against
 * {@code curl} fetching the same file from the same server into the same file system.
 */
final class DownloadFigure {

    static final String NAME = "bigplugin";
    static final String VERSION = "1.0.0";
    static final int PAYLOAD_BYTES = 50 * 1024 * 1024;

    private DownloadFigure() {
    }

    static void run(RunMode mode, Report report) throws Exception {
        report.note("figure 6: central download + verify of a 50 MiB zip vs curl (" + mode.downloads()
                + " warm runs each after one unmeasured)");
        Path scratch = BenchEnvironment.scratchDirectory("central");
        Process server = null;
        try {
            Path centralDir = Files.createDirectories(scratch.resolve("central"));
            publish(writeZip(scratch.resolve(NAME + "-" + VERSION + ".zip")), centralDir);
            server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), StaticFileServer.class.getName(), centralDir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            URI baseUrl = URI.create("http://127.0.0.1:" + port(server) + "/");
            URI zipUrl = new PluginCentral().distributionUrl(CentralConfig.defaults(baseUrl), NAME, VERSION);

            Latencies curl = new Latencies();
            Path curlTarget = scratch.resolve("curl.zip");
            for (int i = 0; i <= mode.downloads(); i++) {
                double seconds = curl(zipUrl, curlTarget);
                if (i > 0) {
                    curl.add((long) (seconds * 1e9));
                }
                Files.deleteIfExists(curlTarget);
            }
            List<String> harnessArguments = List.of(baseUrl.toString(), NAME, VERSION,
                    Integer.toString(mode.downloads()));
            Map<String, String> central = JavaFork.run(DownloadHarness.class, harnessArguments);
            double bytes = Double.parseDouble(central.get("bytes"));
            double curlMs = curl.percentileMicros(50) / 1000;
            double centralMs = Double.parseDouble(central.get("install_ms_p50"));
            double mebibytes = bytes / (1024 * 1024);
            report.detail("download.zip_mib", mebibytes);
            report.detail("download.curl_ms_p50", curlMs);
            report.detail("download.curl_mib_per_s", mebibytes / (curlMs / 1000));
            report.detail("download.central_install_ms_p50", centralMs);
            report.detail("download.central_mib_per_s", mebibytes / (centralMs / 1000));
            report.detail("download.central_first_install_in_fresh_jvm_ms", central.get("first_install_ms"));
            report.headline("download_vs_curl_throughput_ratio", curlMs / centralMs);
        } finally {
            if (server != null) {
                server.destroyForcibly().waitFor();
            }
            Scratch.deleteQuietly(scratch);
        }
    }

    /** A valid plugin zip whose bulk is incompressible data, stored without compression. */
    private static Path writeZip(Path zip) throws IOException {
        byte[] payload = new byte[PAYLOAD_BYTES];
        new Random(42).nextBytes(payload);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(0);
            entry(out, "plugin-meta.json", ("{\"name\":\"" + NAME + "\",\"version\":\"" + VERSION
                    + "\",\"entrypoint\":\"" + NAME + "\",\"parameters\":[]}").getBytes(StandardCharsets.UTF_8));
            entry(out, NAME, "#!/bin/sh\nexit 1\n".getBytes(StandardCharsets.UTF_8));
            entry(out, "payload.bin", payload);
        }
        return zip;
    }

    private static void entry(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

    /** Signs and lays out the zip like a real central, with the public key as gpg.key beside it. */
    private static void publish(Path zip, Path centralDir) throws Exception {
        CentralKeys.GeneratedKey key = CentralKeys.generate("pnode bench <bench@pnode.dev>", null,
                CentralKeys.Algorithm.ED25519);
        DigestSigner signer = new DigestSigner(key.secretKeyArmored().getBytes(StandardCharsets.US_ASCII), null);
        // this machine's platform, as PluginCentral() will ask for it (the benchmarks run on linux/amd64)
        new CentralPublisher(signer, CentralConfig.DEFAULT_DIST_PATH_TEMPLATE, CentralConfig.DEFAULT_SIG_PATH_TEMPLATE,
                "linux", "amd64").publish(zip, centralDir);
        Files.writeString(centralDir.resolve("gpg.key"), key.publicKeyArmored(), StandardCharsets.US_ASCII);
    }

    private static int port(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("port=")) {
            throw new IOException("the file server did not start: " + line);
        }
        return Integer.parseInt(line.substring("port=".length()));
    }

    /** Seconds curl itself reports for the transfer (not counting its process start). */
    private static double curl(URI url, Path target) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-sS", "--fail", "-o", target.toString(), "-w", "%{time_total}",
                url.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String time = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (curl.waitFor() != 0) {
            throw new IOException("curl " + url + " failed with exit status " + curl.exitValue());
        }
        return Double.parseDouble(time);
    }
}
