package dev.pnode.rpc.jsonrpc;

import java.util.Optional;

/** Finds methods by name for the dispatcher; what is offered may change from call to call. */
@FunctionalInterface
public interface MethodRegistry {

    /** The method with this name, or empty when there is none. */
    Optional<RpcMethod> find(String name);
}
