package dev.pnode.rpc.methods;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.MethodRegistry;
import dev.pnode.rpc.jsonrpc.PositionalParams;
import dev.pnode.rpc.jsonrpc.RpcMethod;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one endpoint serves: {@code rpc_modules}, the {@code admin_*} methods where the endpoint allows
 * them, and the running plugins' methods.
 */
public final class NodeMethods implements MethodRegistry {

    static final String ADMIN_PREFIX = "admin_";
    private static final String API_VERSION = "1.0";

    private final Map<String, RpcMethod> admin;
    private final PluginMethods plugins;
    private final PluginContracts contracts;
    private final Optional<String> adminRefusal;

    private NodeMethods(AdminMethods admin, PluginContracts contracts, PluginMethods plugins,
            Optional<String> adminRefusal) {
        this.admin = admin.methods();
        this.contracts = contracts;
        this.plugins = plugins;
        this.adminRefusal = adminRefusal;
    }

    /** Serves the admin methods (the IPC socket, private to the node's user). */
    public static NodeMethods withAdmin(AdminMethods admin, PluginContracts contracts, PluginMethods plugins) {
        return new NodeMethods(admin, contracts, plugins, Optional.empty());
    }

    /** Answers admin methods with the given reason instead (e.g. HTTP without {@code pnode.http.admin}). */
    public static NodeMethods withoutAdmin(AdminMethods admin, PluginContracts contracts, PluginMethods plugins,
            String reason) {
        return new NodeMethods(admin, contracts, plugins, Optional.of(reason));
    }

    @Override
    public Optional<RpcMethod> find(String name) {
        if (name.equals("rpc_modules")) {
            return Optional.of(this::modules);
        }
        if (name.startsWith(ADMIN_PREFIX)) {
            RpcMethod method = admin.get(name);
            if (method == null || adminRefusal.isEmpty()) {
                return Optional.ofNullable(method);
            }
            return Optional.of(params -> {
                throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "method " + name + " is not available "
                        + adminRefusal.get());
            });
        }
        return plugins.find(name);
    }

    /** Namespace to version, like geth: {@code {"admin":"1.0","plugin@helloworld":"1.0.0","rpc":"1.0"}}. */
    private JsonElement modules(JsonElement params) throws JsonRpcError {
        PositionalParams.none("rpc_modules", params);
        Map<String, String> modules = new TreeMap<>();
        modules.put("rpc", API_VERSION);
        if (adminRefusal.isEmpty()) {
            modules.put("admin", API_VERSION);
        }
        contracts.running().forEach((key, version) -> modules.put(PluginMethodName.module(key), version));
        JsonObject json = new JsonObject();
        modules.forEach(json::addProperty);
        return json;
    }
}
