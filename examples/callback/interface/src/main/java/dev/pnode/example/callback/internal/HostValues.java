package dev.pnode.example.callback.internal;

import dev.pnode.example.callback.grpc.GetReply;
import dev.pnode.example.callback.grpc.GetRequest;
import dev.pnode.example.callback.grpc.HostValuesGrpc;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The host's {@code callback.HostValues} service, served to the plugin through the broker: answers from the values
 * the callback interface is configured with, read afresh on every call.
 */
final class HostValues extends HostValuesGrpc.HostValuesImplBase {

    /** Component properties {@code value.<key>} become host values {@code <key>}. */
    static final String PROPERTY_PREFIX = "value.";

    private final Supplier<Map<String, String>> values;

    HostValues(Supplier<Map<String, String>> values) {
        this.values = Objects.requireNonNull(values, "values");
    }

    @Override
    public void get(GetRequest request, StreamObserver<GetReply> response) {
        String value = values.get().get(request.getKey());
        response.onNext(value == null ? GetReply.newBuilder().setFound(false).build()
                : GetReply.newBuilder().setFound(true).setValue(value).build());
        response.onCompleted();
    }

    /**
     * The host values in a component's properties: {@code value.greeting=Howdy} becomes {@code greeting=Howdy}.
     *
     * @throws IllegalArgumentException naming the property when a value is not a string or a key is empty
     */
    static Map<String, String> fromProperties(Map<String, ?> properties) {
        Map<String, String> values = new HashMap<>();
        properties.forEach((name, value) -> {
            if (!name.startsWith(PROPERTY_PREFIX)) {
                return;
            }
            String key = name.substring(PROPERTY_PREFIX.length());
            if (key.isEmpty()) {
                throw new IllegalArgumentException("property \"" + name + "\" names no host value: use "
                        + PROPERTY_PREFIX + "<key>");
            }
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("property \"" + name + "\" must be a string, but is "
                        + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
            }
            values.put(key, text);
        });
        return Map.copyOf(values);
    }
}
