package dev.pnode.rpc.methods;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginState;
import dev.pnode.api.PluginStatus;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.jsonrpc.MethodRegistry;
import dev.pnode.rpc.jsonrpc.PositionalParams;
import dev.pnode.rpc.jsonrpc.RpcMethod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code plugin@<interface>_<method>}: calls the method of that name on the interface's contract service as it is
 * registered at the moment of the call, so a reloaded or restarted plugin is used as soon as it is registered.
 */
public final class PluginMethods implements MethodRegistry {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private static final long START_POLL_MILLIS = 20;

    private final PluginContracts contracts;
    private final Supplier<Optional<PluginRegistry>> registry;

    public PluginMethods(PluginContracts contracts, Supplier<Optional<PluginRegistry>> registry) {
        this.contracts = contracts;
        this.registry = registry;
    }

    @Override
    public Optional<RpcMethod> find(String name) {
        return PluginMethodName.parse(name).map(this::method);
    }

    /** The method for a name already parsed. */
    RpcMethod method(PluginMethodName name) {
        return params -> call(name, params);
    }

    private JsonElement call(PluginMethodName name, JsonElement params) throws JsonRpcError {
        Contract contract = awaitContract(name);
        List<Contract.ContractMethod> candidates = contract.methods(name.method());
        if (candidates.isEmpty()) {
            throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "method not found: " + name + " ("
                    + PluginMethodName.module(name.interfaceKey()) + " offers " + contract.offered() + ")");
        }
        Contract.ContractMethod method = choose(candidates, params);
        Object[] arguments = PositionalParams.convert(name.toString(), params, method.parameterTypes());
        Object result;
        try {
            result = method.invoke(contract.service(), arguments);
        } catch (Error e) {
            throw e;
        } catch (Throwable failure) {
            throw JsonRpcError.serverError(failure.getMessage() != null ? failure.getMessage()
                    : name + " failed: " + failure);
        }
        return GSON.toJsonTree(result);
    }

    /**
     * The interface's contract service. A plugin that is still starting (e.g. its interface bundle not yet there)
     * has none for a moment; the host registers it as the start goes on and then lets calls wait for the process
     * itself. So a call to a starting plugin waits for the service, at most the host's call timeout
     * ({@link PluginRegistry#callTimeout()}, the bound of a call waiting inside the contract service); any other
     * plugin without one fails at once with {@link #notRunning}.
     */
    private Contract awaitContract(PluginMethodName name) throws JsonRpcError {
        Long deadline = null;
        while (true) {
            Optional<Contract> found = contracts.find(name.interfaceKey());
            if (found.isPresent()) {
                return found.get();
            }
            Optional<PluginRegistry> host = registry.get();
            boolean starting = host.flatMap(plugins -> plugins.plugin(name.interfaceKey()))
                    .map(status -> status.state() == PluginState.STARTING).orElse(false);
            if (!starting) {
                throw notRunning(name);
            }
            Duration callTimeout = host.get().callTimeout();
            if (deadline == null) {
                deadline = System.nanoTime() + callTimeout.toNanos();
            } else if (System.nanoTime() - deadline > 0) {
                throw JsonRpcError.serverError("plugin " + name.interfaceKey() + " is not serving: it did not finish"
                        + " starting within the call timeout of " + callTimeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(START_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notRunning(name);
            }
        }
    }

    /** Unknown interface: method not found; configured but not serving: say so and why. */
    private JsonRpcError notRunning(PluginMethodName name) {
        Optional<PluginStatus> status = registry.get().flatMap(plugins -> plugins.plugin(name.interfaceKey()));
        if (status.isEmpty()) {
            return new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "method not found: " + name
                    + " (no plugin interface " + name.interfaceKey() + " is running)");
        }
        PluginStatus plugin = status.get();
        return JsonRpcError.serverError("plugin " + plugin.interfaceKey() + " is not serving (state "
                + plugin.state().name().toLowerCase() + plugin.lastError().map(error -> ": " + error).orElse("")
                + ")");
    }

    /** Overloads are told apart by their number of parameters. */
    private static Contract.ContractMethod choose(List<Contract.ContractMethod> candidates, JsonElement params) {
        int given = params != null && params.isJsonArray() ? params.getAsJsonArray().size() : 0;
        return candidates.stream().filter(method -> method.parameterTypes().size() == given).findFirst()
                .orElse(candidates.get(0));
    }
}
