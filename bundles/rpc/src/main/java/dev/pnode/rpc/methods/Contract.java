package dev.pnode.rpc.methods;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * One registration of a plugin's contract service, with its methods resolved once (method handles), so that a call
 * does no lookup beyond a map: a reload or an interface bundle update registers a new service and so a new Contract.
 */
public final class Contract {

    private static final MethodType CALL = MethodType.methodType(Object.class, Object.class, Object[].class);
    private static final String ASYNC_SUFFIX = "Async";

    private final Object service;
    private final String version;
    private final Map<String, List<ContractMethod>> methods;
    private final String offered;

    /**
     * @param service the gateway object, an instance of {@code contract}
     * @param contract the contract interface, loaded from the interface bundle's class space
     * @param version the plugin's version
     * @throws IllegalArgumentException when a public method of the contract cannot be called
     */
    public Contract(Object service, Class<?> contract, String version) {
        this.service = service;
        this.version = version;
        Map<Signature, Method> synchronous = new LinkedHashMap<>();
        Map<Signature, Method> asynchronous = new LinkedHashMap<>();
        for (Method method : contract.getMethods()) {
            if (method.getDeclaringClass() == Object.class) {
                continue;
            }
            if (isAsyncVariant(method)) {
                asynchronous.put(Signature.of(method, baseName(method)), method);
            } else {
                synchronous.put(Signature.of(method, method.getName()), method);
            }
        }
        Set<Signature> signatures = new LinkedHashSet<>(synchronous.keySet());
        signatures.addAll(asynchronous.keySet());
        this.methods = signatures.stream()
                .map(signature -> resolve(signature.name(), synchronous.get(signature), asynchronous.get(signature)))
                .sorted(Comparator.comparing(ContractMethod::name)
                        .thenComparing(method -> method.parameterTypes().size()))
                .collect(Collectors.groupingBy(ContractMethod::name, Collectors.toUnmodifiableList()));
        this.offered = methods.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    /**
     * A contract method: its parameter types (for converting params) and handles that call it, synchronously and, if
     * the contract offers {@code <name>Async} answering with a {@link CompletionStage}, asynchronously. At least one
     * of the two is there.
     */
    public record ContractMethod(String name, List<Type> parameterTypes, MethodHandle call, MethodHandle callAsync) {

        /** Calls the method on {@code target}; whatever it throws comes out unwrapped. */
        public Object invoke(Object target, Object[] arguments) throws Throwable {
            if (call == null) {
                try {
                    return invokeAsync(target, arguments).toCompletableFuture().join();
                } catch (CompletionException e) {
                    throw e.getCause() != null ? e.getCause() : e;
                }
            }
            return (Object) call.invokeExact(target, arguments);
        }

        /** Whether {@link #invokeAsync} answers without holding the calling thread. */
        public boolean answersLater() {
            return callAsync != null;
        }

        /** Starts the asynchronous variant on {@code target}; only when {@link #answersLater}. */
        public CompletionStage<?> invokeAsync(Object target, Object[] arguments) throws Throwable {
            return (CompletionStage<?>) (Object) callAsync.invokeExact(target, arguments);
        }
    }

    /** A method's JSON-RPC name with its parameter types: what pairs {@code greeting} with {@code greetingAsync}. */
    private record Signature(String name, List<Class<?>> parameters) {
        static Signature of(Method method, String name) {
            return new Signature(name, List.of(method.getParameterTypes()));
        }
    }

    private static boolean isAsyncVariant(Method method) {
        return method.getName().endsWith(ASYNC_SUFFIX) && method.getName().length() > ASYNC_SUFFIX.length()
                && CompletionStage.class.isAssignableFrom(method.getReturnType());
    }

    private static String baseName(Method asyncVariant) {
        String name = asyncVariant.getName();
        return name.substring(0, name.length() - ASYNC_SUFFIX.length());
    }

    private static ContractMethod resolve(String name, Method synchronous, Method asynchronous) {
        Method described = synchronous != null ? synchronous : asynchronous;
        return new ContractMethod(name, List.of(described.getGenericParameterTypes()), handle(synchronous),
                handle(asynchronous));
    }

    private static MethodHandle handle(Method method) {
        if (method == null) {
            return null;
        }
        try {
            // a public method of a contract that is not itself public (tests, nested interfaces) is callable too
            method.trySetAccessible();
            return MethodHandles.publicLookup().unreflect(method)
                    .asSpreader(Object[].class, method.getParameterCount()).asType(CALL);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot call " + method + ": " + e.getMessage(), e);
        }
    }

    public Object service() {
        return service;
    }

    public String version() {
        return version;
    }

    /** The overloads of a method, fewest parameters first; empty when the contract has none of that name. */
    public List<ContractMethod> methods(String name) {
        return methods.getOrDefault(name, List.of());
    }

    /** E.g. {@code greeting, other}. */
    public String offered() {
        return offered;
    }
}
