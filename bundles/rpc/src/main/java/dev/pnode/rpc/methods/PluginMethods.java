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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code plugin@<interface>_<method>}: calls the method of that name on the interface's contract service as it is
 * registered at the moment of the call, so a reloaded or restarted plugin is used as soon as it is registered. Asked
 * to answer without holding a thread ({@link RpcMethod#callAsync}), it calls the contract's {@code <method>Async}
 * variant when there is one.
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
        return new PluginMethod(name);
    }

    /**
     * A plugin's method: its contract's asynchronous variant, when it has one, answers without holding the caller's
     * thread; every other case (no such variant, no contract service yet) goes the synchronous way.
     */
    private final class PluginMethod implements RpcMethod {

        private final PluginMethodName name;

        PluginMethod(PluginMethodName name) {
            this.name = name;
        }

        @Override
        public JsonElement call(JsonElement params) throws JsonRpcError {
            Contract contract = awaitContract(name);
            Contract.ContractMethod method = method(contract, params);
            Object[] arguments = PositionalParams.convert(name.toString(), params, method.parameterTypes());
            try {
                return GSON.toJsonTree(method.invoke(contract.service(), arguments));
            } catch (Error e) {
                throw e;
            } catch (Throwable failure) {
                throw failed(failure);
            }
        }

        @Override
        public CompletionStage<JsonElement> callAsync(JsonElement params, Executor blocking) {
            Optional<Contract> serving = contracts.find(name.interfaceKey());
            List<Contract.ContractMethod> candidates = serving.map(contract -> contract.methods(name.method()))
                    .orElse(List.of());
            if (candidates.isEmpty() || !choose(candidates, params).answersLater()) {
                // waiting for a starting plugin, or a method that can only block
                return RpcMethod.super.callAsync(params, blocking);
            }
            Contract.ContractMethod method = choose(candidates, params);
            try {
                Object[] arguments = PositionalParams.convert(name.toString(), params, method.parameterTypes());
                return method.invokeAsync(serving.get().service(), arguments).handle((result, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(failed(failure instanceof CompletionException
                                && failure.getCause() != null ? failure.getCause() : failure));
                    }
                    return GSON.toJsonTree(result);
                });
            } catch (JsonRpcError e) {
                return CompletableFuture.failedFuture(e);
            } catch (Error e) {
                throw e;
            } catch (Throwable failure) {
                return CompletableFuture.failedFuture(failed(failure));
            }
        }

        private Contract.ContractMethod method(Contract contract, JsonElement params) throws JsonRpcError {
            List<Contract.ContractMethod> candidates = contract.methods(name.method());
            if (candidates.isEmpty()) {
                throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "method not found: " + name + " ("
                        + PluginMethodName.module(name.interfaceKey()) + " offers " + contract.offered() + ")");
            }
            return choose(candidates, params);
        }

        /** What the plugin's call failed with, as the client is told. */
        private JsonRpcError failed(Throwable failure) {
            return JsonRpcError.serverError(failure.getMessage() != null ? failure.getMessage()
                    : name + " failed: " + failure);
        }
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
