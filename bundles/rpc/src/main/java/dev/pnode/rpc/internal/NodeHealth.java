package dev.pnode.rpc.internal;

import com.google.gson.JsonObject;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.api.node.ReadinessProperties;
import dev.pnode.rpc.jsonrpc.Responses;
import dev.pnode.rpc.transport.HealthCheck;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code GET /health} answers: serving (200) when every service that reports {@code pnode.readiness} is
 * {@code ready}, the plugin host runs, and every required plugin is running; otherwise 503 with what is not, e.g.
 * {@code {"status":"unavailable","failing":{"plugin helloworld":"starting"}}}. An optional plugin that does not run is
 * named under {@code "degraded"} without failing the check.
 */
final class NodeHealth {

    /** A service's {@code pnode.readiness} and {@code pnode.readiness.message}. */
    record Readiness(String service, String state, String message) {
    }

    private NodeHealth() {
    }

    /** @param plugins the host's plugins, empty when the host is not running */
    static HealthCheck.Health evaluate(List<Readiness> readiness, Optional<List<PluginStatus>> plugins) {
        JsonObject failing = new JsonObject();
        JsonObject degraded = new JsonObject();
        for (Readiness service : readiness) {
            if (!service.state().equals(ReadinessProperties.READY)) {
                failing.addProperty(service.service(), service.state()
                        + (service.message() == null || service.message().isBlank() ? "" : ": " + service.message()));
            }
        }
        if (plugins.isEmpty()) {
            failing.addProperty("host", "the plugin host is not running");
        }
        for (PluginStatus plugin : plugins.orElse(List.of())) {
            if (plugin.state() != PluginState.RUNNING) {
                String state = plugin.state().name().toLowerCase(Locale.ROOT)
                        + plugin.lastError().map(error -> ": " + error).orElse("");
                (plugin.optional() ? degraded : failing)
                        .addProperty("plugin " + plugin.interfaceKey(), state);
            }
        }
        JsonObject body = new JsonObject();
        body.addProperty("status", failing.isEmpty() ? "ok" : "unavailable");
        if (!failing.isEmpty()) {
            body.add("failing", failing);
        }
        if (!degraded.isEmpty()) {
            body.add("degraded", degraded);
        }
        return new HealthCheck.Health(failing.isEmpty(), Responses.toText(body));
    }
}
