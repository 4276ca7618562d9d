package dev.pnode.itest.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code --metrics} on the real distribution, checked by a real Prometheus (Debian's {@code prometheus} package):
 * {@code promtool check metrics} accepts what both paths serve, and a Prometheus scraping the node over loopback
 * reports the target up and the plugin's series with values.
 */
public class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void prometheusScrapesTheNodesPluginRpcAndJvmSeries() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        int metricsPort = freePort();
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive", "--metrics",
                "--metrics.port", Integer.toString(metricsPort))) {
            node.awaitLine("pnode started in", 120);
            String greeting = NodeProcess.run("rpc", "--datadir", dataDir.toString(), "plugin@helloworld_greeting",
                    "[\"metrics\"]");
            assertTrue(greeting, greeting.contains("Hello metrics!"));
            NodeProcess.Finished unknown = NodeProcess.finish("rpc", "--datadir", dataDir.toString(),
                    "made_up_" + System.nanoTime());
            assertEquals(unknown.output(), 1, unknown.exitCode());

            for (String path : List.of("/metrics", "/debug/metrics/prometheus")) {
                HttpResponse<String> scrape = get("http://127.0.0.1:" + metricsPort + path);
                assertEquals(path, 200, scrape.statusCode());
                assertTrue(scrape.headers().firstValue("Content-Type").orElse(""),
                        scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
                promtoolAccepts(scrape.body());
            }
            String metrics = get("http://127.0.0.1:" + metricsPort + "/metrics").body();
            for (String series : List.of(
                    "pnode_plugin_calls_total{code=\"OK\",interface=\"helloworld\","
                            + "method=\"proto.PluginGreeting/Greeting\",plugin=\"helloworld\"} 1",
                    "pnode_plugin_call_duration_seconds_count{interface=\"helloworld\","
                            + "method=\"proto.PluginGreeting/Greeting\",plugin=\"helloworld\"} 1",
                    "pnode_plugin_state{interface=\"helloworld\",plugin=\"helloworld\",state=\"running\"} 1",
                    "pnode_plugin_restarts_total{interface=\"helloworld\",plugin=\"helloworld\"} 0",
                    "pnode_plugin_start_duration_seconds_count{interface=\"helloworld\",plugin=\"helloworld\"} 1",
                    "pnode_plugin_downloads_total{outcome=\"installed\",plugin=\"helloworld\",version=\"1.0.0\"} 1",
                    "pnode_rpc_requests_total{method=\"plugin@helloworld_greeting\",outcome=\"ok\",transport=\"ipc\"} 1",
                    // a method the node does not serve is counted under one label value, whatever its name
                    "pnode_rpc_requests_total{method=\"unknown\",outcome=\"error\",transport=\"ipc\"} 1",
                    "process_open_fds ", "jvm_memory_used_bytes{area=\"heap\"} ", "jvm_threads_current ",
                    "jvm_gc_collection_seconds_count{")) {
                assertTrue("missing " + series + " in:\n" + metrics, metrics.contains(series));
            }

            try (PrometheusServer prometheus = PrometheusServer.scraping(temp.newFolder("prometheus").toPath(),
                    metricsPort)) {
                assertEquals("1", prometheus.awaitValue("up{job=\"pnode\"}", "1"));
                assertEquals("1", prometheus.awaitValue(
                        "pnode_plugin_state{interface=\"helloworld\",state=\"running\"}", "1"));
            }
            assertEquals(0, node.terminate(30));
        }
    }

    @Test
    public void withoutTheFlagNoMetricsPortIsOpen() throws Exception {
        Path dataDir = temp.getRoot().toPath().resolve("data");
        int metricsPort = freePort();
        Path noPlugins = Files.writeString(temp.getRoot().toPath().resolve("plugins.json"), "{\"providers\":{}}");
        try (NodeProcess node = NodeProcess.start("--datadir", dataDir.toString(), "--nointeractive",
                "--plugins", noPlugins.toString(), "--metrics.port", Integer.toString(metricsPort))) {
            node.awaitLine("pnode started in", 120);
            try {
                get("http://127.0.0.1:" + metricsPort + "/metrics");
                fail("the metrics port answered without --metrics");
            } catch (IOException refused) {
                // nothing listens
            }
            assertEquals(0, node.terminate(30));
        }
    }

    private static void promtoolAccepts(String exposition) throws Exception {
        Process promtool = tool("promtool", "check", "metrics");
        promtool.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("promtool hangs", promtool.waitFor(60, TimeUnit.SECONDS));
        assertEquals("promtool check metrics: " + verdict, 0, promtool.exitValue());
    }

    static Process tool(String... command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is needed to check the metrics: apt-get install prometheus", e);
        }
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A real Prometheus with a config, storage and web port of its own, scraping the node every second. */
    private static final class PrometheusServer implements AutoCloseable {

        private final Process process;
        private final int port;
        private final Path log;

        private PrometheusServer(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        static PrometheusServer scraping(Path folder, int metricsPort) throws Exception {
            Path config = Files.writeString(folder.resolve("prometheus.yml"), "global:\n"
                    + "  scrape_interval: 1s\n"
                    + "scrape_configs:\n"
                    + "  - job_name: pnode\n"
                    + "    metrics_path: /debug/metrics/prometheus\n"
                    + "    static_configs:\n"
                    + "      - targets: ['127.0.0.1:" + metricsPort + "']\n");
            int port = freePort();
            Path log = folder.resolve("prometheus.log");
            Process process;
            try {
                process = new ProcessBuilder("prometheus", "--config.file=" + config,
                        "--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("prometheus is needed: apt-get install prometheus", e);
            }
            return new PrometheusServer(process, port, log);
        }

        /** Queries until the first result has the value; returns it, or fails with the last answer. */
        String awaitValue(String query, String expected) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String answer = "";
            while (System.nanoTime() < deadline) {
                try {
                    answer = get("http://127.0.0.1:" + port + "/api/v1/query?query="
                            + URLEncoder.encode(query, StandardCharsets.UTF_8)).body();
                    JsonArray result = JsonParser.parseString(answer).getAsJsonObject()
                            .getAsJsonObject("data").getAsJsonArray("result");
                    if (!result.isEmpty()) {
                        JsonObject first = result.get(0).getAsJsonObject();
                        String value = first.getAsJsonArray("value").get(1).getAsString();
                        if (value.equals(expected)) {
                            return value;
                        }
                    }
                } catch (IOException | RuntimeException notYet) {
                    answer = notYet.toString();
                }
                Thread.sleep(500);
            }
            fail("prometheus never answered " + query + " = " + expected + "; last answer: " + answer + "\nlog:\n"
                    + Files.readString(log));
            return null;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
