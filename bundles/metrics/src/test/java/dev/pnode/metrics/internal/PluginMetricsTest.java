package dev.pnode.metrics.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.Test;

public class PluginMetricsTest {

    private final NodeRegistry registry = new NodeRegistry();

    @Test
    public void callsAreCountedByMethodAndStatusAndTimed() throws Exception {
        PluginMetrics metrics = new PluginMetrics(registry);

        metrics.pluginCallEnded("helloworld", "hw", "proto.PluginGreeting/Greeting", "OK", Duration.ofMillis(2));
        metrics.pluginCallEnded("helloworld", "hw", "proto.PluginGreeting/Greeting", "UNAVAILABLE",
                Duration.ofSeconds(1));
        metrics.pluginStarted("helloworld", "hw", Duration.ofMillis(800));
        metrics.pluginDownloadEnded("hw", "1.0.0", "signature");
        metrics.pluginHealthCheckFailed("helloworld", "hw");

        String text = scrape();
        assertTrue(text, text.contains("pnode_plugin_calls_total{code=\"OK\",interface=\"helloworld\","
                + "method=\"proto.PluginGreeting/Greeting\",plugin=\"hw\"} 1"));
        assertTrue(text, text.contains("code=\"UNAVAILABLE\""));
        assertTrue(text, text.contains("pnode_plugin_call_duration_seconds_bucket{interface=\"helloworld\","
                + "method=\"proto.PluginGreeting/Greeting\",plugin=\"hw\",le=\"0.0025\"} 1"));
        assertTrue(text, text.contains("pnode_plugin_call_duration_seconds_count{interface=\"helloworld\","
                + "method=\"proto.PluginGreeting/Greeting\",plugin=\"hw\"} 2"));
        assertTrue(text, text.contains("pnode_plugin_start_duration_seconds_sum{interface=\"helloworld\","
                + "plugin=\"hw\"} 0.8"));
        assertTrue(text, text.contains("pnode_plugin_downloads_total{outcome=\"signature\",plugin=\"hw\","
                + "version=\"1.0.0\"} 1"));
        assertTrue(text, text.contains("pnode_plugin_health_check_failures_total{interface=\"helloworld\","
                + "plugin=\"hw\"} 1"));
    }

    @Test
    public void aStoppedComponentLeavesNoSeriesBehind() throws Exception {
        PluginMetrics metrics = new PluginMetrics(registry);
        metrics.pluginStarted("helloworld", "hw", Duration.ofMillis(800));

        metrics.deactivate();

        assertFalse(scrape().contains("pnode_plugin"));
        new PluginMetrics(registry); // registering the same names again works: a bundle refresh
    }

    @Test
    public void rpcRequestsAreCountedByMethodTransportAndOutcome() throws Exception {
        RpcMetrics rpc = new RpcMetrics(registry);

        rpc.requestAnswered("admin_nodeInfo", "http", "error");

        assertTrue(scrape().contains("pnode_rpc_requests_total{method=\"admin_nodeInfo\",outcome=\"error\","
                + "transport=\"http\"} 1"));
    }

    @Test
    public void theJvmIsMeasuredToo() throws Exception {
        String text = scrape();

        assertTrue(text, text.contains("jvm_memory_used_bytes{area=\"heap\"}"));
        assertTrue(text, text.contains("jvm_threads_current"));
        assertTrue(text, text.contains("process_open_fds"));
    }

    private String scrape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
