package dev.pnode.rpc.methods;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginException;
import dev.pnode.api.PluginRegistry;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.PositionalParams;
import dev.pnode.rpc.jsonrpc.RpcMethod;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code admin_*} methods: what the node is and which plugins it runs, reloading them, and starting the web
 * endpoints on a running node (geth's {@code admin_startHTTP}, {@code admin_startWS}).
 */
public final class AdminMethods {

    private final NodeIdentity node;
    private final Supplier<Optional<PluginRegistry>> registry;
    private final Supplier<Optional<PluginAdmin>> admin;
    private final WebEndpointControl web;
    private final Clock clock;

    /**
     * @param node what {@code admin_nodeInfo} says about the node itself
     * @param registry the host's registry while it is there
     * @param admin the host's admin service while it is there
     * @param web starts the HTTP and WebSocket endpoints
     */
    public AdminMethods(NodeIdentity node, Supplier<Optional<PluginRegistry>> registry,
            Supplier<Optional<PluginAdmin>> admin, WebEndpointControl web, Clock clock) {
        this.node = node;
        this.registry = registry;
        this.admin = admin;
        this.web = web;
        this.clock = clock;
    }

    /** What the node says about itself in {@code admin_nodeInfo}. */
    public record NodeIdentity(String id, String datadir) {
    }

    /** Every admin method by name. */
    public Map<String, RpcMethod> methods() {
        return Map.of(
                "admin_nodeInfo", this::nodeInfo,
                "admin_plugins", this::plugins,
                "admin_reloadPlugin", this::reloadPlugin,
                "admin_reloadPlugins", this::reloadPlugins,
                "admin_startHTTP", params -> {
                    PositionalParams.none("admin_startHTTP", params);
                    web.startHttp();
                    return new JsonPrimitive(true);
                },
                "admin_startWS", params -> {
                    PositionalParams.none("admin_startWS", params);
                    web.startWebSocket();
                    return new JsonPrimitive(true);
                });
    }

    /** Works without the host too: the plugins list is then empty. */
    private JsonElement nodeInfo(JsonElement params) throws JsonRpcError {
        PositionalParams.none("admin_nodeInfo", params);
        JsonObject info = new JsonObject();
        info.addProperty("id", node.id());
        info.addProperty("datadir", node.datadir());
        info.add("plugins", PluginStatusJson.of(registry.get().map(PluginRegistry::plugins).orElse(List.of()),
                clock.instant()));
        return info;
    }

    private JsonElement plugins(JsonElement params) throws JsonRpcError {
        PositionalParams.none("admin_plugins", params);
        return PluginStatusJson.of(host(registry).plugins(), clock.instant());
    }

    private JsonElement reloadPlugin(JsonElement params) throws JsonRpcError {
        String key = PositionalParams.oneString("admin_reloadPlugin", params);
        try {
            host(admin).reload(key);
            return new JsonPrimitive(true);
        } catch (IllegalArgumentException e) {
            throw JsonRpcError.invalidParams("admin_reloadPlugin", e.getMessage());
        } catch (PluginException e) {
            throw JsonRpcError.serverError(e.getMessage());
        }
    }

    private JsonElement reloadPlugins(JsonElement params) throws JsonRpcError {
        PositionalParams.none("admin_reloadPlugins", params);
        try {
            JsonObject outcome = new JsonObject();
            host(admin).reloadAll().forEach(outcome::addProperty);
            return outcome;
        } catch (PluginException e) {
            throw JsonRpcError.serverError(e.getMessage());
        }
    }

    private static <T> T host(Supplier<Optional<T>> service) throws JsonRpcError {
        return service.get().orElseThrow(() -> JsonRpcError.serverError("the plugin host is not running"));
    }
}
