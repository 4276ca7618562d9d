package dev.pnode.example.kvstore.internal;

import dev.pnode.api.gateway.CallFailures;
import dev.pnode.example.kvstore.KeyValueStore;
import dev.pnode.example.kvstore.KeyValueStoreException;
import dev.pnode.example.kvstore.grpc.GetRequest;
import dev.pnode.example.kvstore.grpc.GetResponse;
import dev.pnode.example.kvstore.grpc.KeyValueStoreGrpc;
import dev.pnode.example.kvstore.grpc.KeysRequest;
import dev.pnode.example.kvstore.grpc.PutRequest;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** {@link KeyValueStore} backed by one plugin process: every call is one deadline-bound RPC. */
final class KeyValueStoreGateway implements KeyValueStore {

    private final KeyValueStoreGrpc.KeyValueStoreBlockingStub stub;
    private final Duration callTimeout;

    KeyValueStoreGateway(Channel channel, Duration callTimeout) {
        this.stub = KeyValueStoreGrpc.newBlockingStub(channel);
        this.callTimeout = callTimeout;
    }

    @Override
    public String get(String key) {
        Objects.requireNonNull(key, "key");
        GetResponse response = call("get", store -> store.get(GetRequest.newBuilder().setKey(key).build()));
        return response.getFound() ? response.getValue() : null;
    }

    @Override
    public void put(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        call("put", store -> store.put(PutRequest.newBuilder().setKey(key).setValue(value).build()));
    }

    @Override
    public List<String> keys() {
        return List.copyOf(call("keys", store -> store.keys(KeysRequest.getDefaultInstance())).getKeysList());
    }

    private <T> T call(String name, Function<KeyValueStoreGrpc.KeyValueStoreBlockingStub, T> rpc) {
        try {
            return rpc.apply(stub.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (StatusRuntimeException e) {
            throw new KeyValueStoreException(
                    CallFailures.describe(KeyValueStoreInterface.KEY, name, e, callTimeout), e);
        }
    }
}
