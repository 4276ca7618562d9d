package dev.pnode.rpc.methods;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One registration of a plugin's contract service, with its methods resolved once (method handles), so that a call
 * does no lookup beyond a map: a reload or an interface bundle update registers a new service and so a new Contract.
 */
public final class Contract {

    private static final MethodType CALL = MethodType.methodType(Object.class, Object.class, Object[].class);

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
        this.methods = Arrays.stream(contract.getMethods()).filter(method -> method.getDeclaringClass() != Object.class)
                .sorted(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount))
                .map(Contract::resolve)
                .collect(Collectors.groupingBy(ContractMethod::name, Collectors.toUnmodifiableList()));
        this.offered = methods.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    /** A contract method: its parameter types (for converting params) and a handle that calls it. */
    public record ContractMethod(String name, List<Type> parameterTypes, MethodHandle call) {

        /** Calls the method on {@code target}; whatever it throws comes out unwrapped. */
        public Object invoke(Object target, Object[] arguments) throws Throwable {
            return (Object) call.invokeExact(target, arguments);
        }
    }

    private static ContractMethod resolve(Method method) {
        try {
            // a public method of a contract that is not itself public (tests, nested interfaces) is callable too
            method.trySetAccessible();
            MethodHandle handle = MethodHandles.publicLookup().unreflect(method)
                    .asSpreader(Object[].class, method.getParameterCount()).asType(CALL);
            return new ContractMethod(method.getName(), List.of(method.getGenericParameterTypes()), handle);
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
