package dev.pnode.example.callback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.example.callback.grpc.GetReply;
import dev.pnode.example.callback.grpc.GetRequest;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class HostValuesTest {

    @Test
    public void valuePropertiesBecomeHostValuesAndOtherPropertiesAreIgnored() {
        Map<String, Object> properties = Map.of("value.greeting", "Howdy", "value.farewell", "Bye",
                "component.name", "dev.pnode.example.callback", "service.ranking", 3);
        assertEquals(Map.of("greeting", "Howdy", "farewell", "Bye"), HostValues.fromProperties(properties));
    }

    @Test
    public void aValueThatIsNotAStringIsRefusedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostValues.fromProperties(Map.of("value.greeting", 42)));
        assertEquals("property \"value.greeting\" must be a string, but is Integer 42", e.getMessage());
    }

    @Test
    public void aPropertyWithoutAKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostValues.fromProperties(Map.of("value.", "x")));
        assertEquals("property \"value.\" names no host value: use value.<key>", e.getMessage());
    }

    @Test
    public void aNullValueIsRefused() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("value.greeting", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostValues.fromProperties(properties));
        assertEquals("property \"value.greeting\" must be a string, but is null", e.getMessage());
    }

    @Test
    public void answersFoundValuesAndSaysWhenAKeyIsUnknown() {
        HostValues service = new HostValues(() -> Map.of("greeting", "Howdy"));
        GetReply found = get(service, "greeting");
        assertTrue(found.getFound());
        assertEquals("Howdy", found.getValue());
        GetReply missing = get(service, "colour");
        assertFalse(missing.getFound());
        assertEquals("", missing.getValue());
    }

    @Test
    public void readsTheValuesAfreshOnEveryCall() {
        Map<String, String> values = new HashMap<>(Map.of("greeting", "Hello"));
        HostValues service = new HostValues(() -> Map.copyOf(values));
        assertEquals("Hello", get(service, "greeting").getValue());
        values.put("greeting", "Hola");
        assertEquals("Hola", get(service, "greeting").getValue());
    }

    private static GetReply get(HostValues service, String key) {
        List<GetReply> replies = new ArrayList<>();
        service.get(GetRequest.newBuilder().setKey(key).build(), new StreamObserver<>() {
            @Override
            public void onNext(GetReply reply) {
                replies.add(reply);
            }

            @Override
            public void onError(Throwable error) {
                throw new AssertionError(error);
            }

            @Override
            public void onCompleted() {
            }
        });
        assertEquals(1, replies.size());
        return replies.get(0);
    }
}
