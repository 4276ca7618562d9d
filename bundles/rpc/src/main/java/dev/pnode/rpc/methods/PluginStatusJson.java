package dev.pnode.rpc.methods;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How a plugin's status looks in {@code admin_plugins} and {@code admin_nodeInfo}. */
final class PluginStatusJson {

    private PluginStatusJson() {
    }

    static JsonArray of(List<PluginStatus> plugins, Instant now) {
        JsonArray array = new JsonArray();
        plugins.forEach(plugin -> array.add(of(plugin, now)));
        return array;
    }

    /**
     * E.g. {@code {"interface":"helloworld","name":"helloworld","version":"1.0.0","state":"running","pid":4242,
     * "startedAt":"2026-11-25T12:00:00Z","uptimeSeconds":60,"restarts":0,"lastError":null}}; only a running
     * plugin has an uptime.
     */
    static JsonObject of(PluginStatus plugin, Instant now) {
        JsonObject json = new JsonObject();
        json.addProperty("interface", plugin.interfaceKey());
        json.addProperty("name", plugin.name());
        json.addProperty("version", plugin.version());
        json.addProperty("state", plugin.state().name().toLowerCase());
        json.add("pid", plugin.pid().isPresent() ? new JsonPrimitive(plugin.pid().getAsLong()) : JsonNull.INSTANCE);
        json.add("startedAt", plugin.startedAt().<JsonElement>map(at -> new JsonPrimitive(at.toString()))
                .orElse(JsonNull.INSTANCE));
        json.add("uptimeSeconds", plugin.state() == PluginState.RUNNING ? plugin.startedAt()
                .<JsonElement>map(at -> new JsonPrimitive(Duration.between(at, now).toSeconds()))
                .orElse(JsonNull.INSTANCE) : JsonNull.INSTANCE);
        json.addProperty("restarts", plugin.restarts());
        json.add("lastError", plugin.lastError().<JsonElement>map(JsonPrimitive::new)
                .orElse(JsonNull.INSTANCE));
        return json;
    }
}
