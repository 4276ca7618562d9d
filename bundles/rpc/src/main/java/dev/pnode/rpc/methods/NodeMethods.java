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
 * Everything one endpoint serves: {@code rpc_modules}, the {@code admin_*} methods and the running plugins'
 * methods, limited to the endpoint's {@link ApiSelection}.
 */
public final class NodeMethods implements MethodRegistry {

    private static final String ADMIN = "admin";
    private static final String API_VERSION = "1.0";

    private final Map<String, RpcMethod> admin;
    private final PluginContracts contracts;
    private final PluginMethods plugins;
    private final ApiSelection apis;
    private final String refusalHint;

    /**
     * @param apis the namespaces this endpoint serves
     * @param refusalHint ends the message for a method outside them, e.g. {@code over HTTP (add it to ...)}
     */
    public NodeMethods(AdminMethods admin, PluginContracts contracts, PluginMethods plugins, ApiSelection apis,
            String refusalHint) {
        this.admin = admin.methods();
        this.contracts = contracts;
        this.plugins = plugins;
        this.apis = apis;
        this.refusalHint = refusalHint;
    }

    @Override
    public Optional<RpcMethod> find(String name) {
        if (name.equals("rpc_modules")) {
            return Optional.of(this::modules);
        }
        Optional<RpcMethod> method;
        String namespace;
        if (name.startsWith(ADMIN + "_")) {
            method = Optional.ofNullable(admin.get(name));
            namespace = ADMIN;
        } else {
            Optional<PluginMethodName> parsed = PluginMethodName.parse(name);
            method = parsed.map(plugins::method);
            namespace = parsed.map(plugin -> PluginMethodName.module(plugin.interfaceKey())).orElse("");
        }
        if (method.isEmpty() || apis.allows(namespace)) {
            return method;
        }
        return Optional.of(params -> {
            throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "method " + name + " is not available "
                    + refusalHint);
        });
    }

    /** Namespace to version, like geth: {@code {"admin":"1.0","plugin@helloworld":"1.0.0","rpc":"1.0"}}. */
    private JsonElement modules(JsonElement params) throws JsonRpcError {
        PositionalParams.none("rpc_modules", params);
        Map<String, String> modules = new TreeMap<>();
        modules.put("rpc", API_VERSION);
        modules.put(ADMIN, API_VERSION);
        contracts.running().forEach((key, version) -> modules.put(PluginMethodName.module(key), version));
        modules.keySet().removeIf(namespace -> !apis.allows(namespace));
        JsonObject json = new JsonObject();
        modules.forEach(json::addProperty);
        return json;
    }
}
