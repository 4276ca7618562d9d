package dev.pnode.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The full node path: {@code HelloWorld.greeting} on the contract service the host registered in an embedded
 * node, i.e. the helloworld gateway, pnode's go-plugin channel with AutoMTLS, the plugin process. The contract
 * class lives in the framework's class space, so the call goes through a method handle bound to the service
 * (a few nanoseconds, against calls of about a hundred microseconds).
 */
final class ContractClient implements GreetingTarget {

    private final Runnable closing;
    private final MethodHandle greeting;

    private ContractClient(Runnable closing, MethodHandle greeting) {
        this.closing = closing;
        this.greeting = greeting;
    }

    /** The contract of figure 7's shared node ({@link RpcNode}), which serves JSON-RPC too. */
    static ContractClient onRpcNode(BenchEnvironment environment, BenchEnvironment.PluginKind plugin) throws Exception {
        RpcNode shared = RpcNode.acquire(environment, plugin);
        try {
            return new ContractClient(() -> RpcNode.release(shared), greetingOf(shared.node,
                    shared.node.service(EmbeddedNode.CONTRACT)));
        } catch (Exception | Error e) {
            RpcNode.release(shared);
            throw e;
        }
    }

    static ContractClient start(BenchEnvironment environment, BenchEnvironment.PluginKind plugin) throws Exception {
        EmbeddedNode node = EmbeddedNode.boot(environment, plugin);
        try {
            return new ContractClient(node::close, greetingOf(node, node.service(EmbeddedNode.CONTRACT)));
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    /** {@code String greeting(String)} of the contract, bound to one service object. */
    static MethodHandle greetingOf(EmbeddedNode node, Object service) throws ReflectiveOperationException {
        return MethodHandles.publicLookup()
                .findVirtual(node.serviceInterface(EmbeddedNode.CONTRACT), "greeting", MethodType.methodType(String.class, String.class))
                .bindTo(service);
    }

    @Override
    public String greeting(String msg) {
        try {
            return (String) greeting.invokeExact(msg);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closing.run();
    }
}
