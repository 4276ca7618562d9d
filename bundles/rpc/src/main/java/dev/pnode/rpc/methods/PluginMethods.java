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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code plugin@<interface>_<method>}: calls the method of that name on the interface's contract service, found
 * afresh on every call, so a reloaded or restarted plugin is used as soon as it is registered.
 */
public final class PluginMethods implements MethodRegistry {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    /** How long a call waits for a starting plugin's contract service: the host's default call timeout. */
    static final Duration START_WAIT = Duration.ofSeconds(10);
    private static final long START_POLL_MILLIS = 20;

    private final PluginContracts contracts;
    private final Supplier<Optional<PluginRegistry>> registry;

    public PluginMethods(PluginContracts contracts, Supplier<Optional<PluginRegistry>> registry) {
        this.contracts = contracts;
        this.registry = registry;
    }

    @Override
    public Optional<RpcMethod> find(String name) {
        return PluginMethodName.parse(name).map(parsed -> params -> call(parsed, params));
    }

    private JsonElement call(PluginMethodName name, JsonElement params) throws JsonRpcError {
        try (PluginContracts.ContractService contract = acquireOrAwaitStart(name)) {
            List<Method> candidates = publicMethods(contract.contract(), name.method());
            if (candidates.isEmpty()) {
                throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "method not found: " + name + " ("
                        + PluginMethodName.module(name.interfaceKey()) + " offers " + offered(contract.contract()) + ")");
            }
            Method method = choose(candidates, params);
            Object[] arguments = PositionalParams.convert(name.toString(), params,
                    Arrays.asList(method.getGenericParameterTypes()));
            return GSON.toJsonTree(method.invoke(contract.service(), arguments));
        } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            throw JsonRpcError.serverError(failure.getMessage() != null ? failure.getMessage()
                    : name + " failed: " + failure);
        } catch (IllegalAccessException e) {
            throw new JsonRpcError(JsonRpcError.INTERNAL_ERROR, "cannot call " + name + ": " + e.getMessage());
        }
    }

    /**
     * The interface's contract service. A plugin that is still starting (e.g. its interface bundle not yet there)
     * has none for a moment; the host registers it as the start goes on and then lets calls wait for the process
     * itself. So a call to a starting plugin waits for the service, at most {@link #START_WAIT}; any other plugin
     * without one fails at once with {@link #notRunning}.
     */
    private PluginContracts.ContractService acquireOrAwaitStart(PluginMethodName name) throws JsonRpcError {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            Optional<PluginContracts.ContractService> found = contracts.acquire(name.interfaceKey());
            if (found.isPresent()) {
                return found.get();
            }
            boolean starting = registry.get().flatMap(plugins -> plugins.plugin(name.interfaceKey()))
                    .map(status -> status.state() == PluginState.STARTING).orElse(false);
            if (!starting || System.nanoTime() > deadline) {
                throw notRunning(name);
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

    private static List<Method> publicMethods(Class<?> contract, String name) {
        return Arrays.stream(contract.getMethods())
                .filter(method -> method.getName().equals(name) && method.getDeclaringClass() != Object.class)
                .collect(Collectors.toList());
    }

    /** Overloads are told apart by their number of parameters. */
    private static Method choose(List<Method> candidates, JsonElement params) {
        int given = params != null && params.isJsonArray() ? params.getAsJsonArray().size() : 0;
        return candidates.stream().filter(method -> method.getParameterCount() == given).findFirst()
                .orElse(candidates.get(0));
    }

    private static String offered(Class<?> contract) {
        return Arrays.stream(contract.getMethods()).filter(method -> method.getDeclaringClass() != Object.class)
                .map(Method::getName).distinct().sorted().collect(Collectors.joining(", "));
    }
}
