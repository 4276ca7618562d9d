package dev.pnode.example.kvstore.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import com.google.protobuf.ByteString;
import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import dev.pnode.example.kvstore.grpc.GetRequest;
import dev.pnode.example.kvstore.grpc.GetResponse;
import dev.pnode.example.kvstore.grpc.KeyValueStoreGrpc;
import dev.pnode.example.kvstore.grpc.KeysRequest;
import dev.pnode.example.kvstore.grpc.PutRequest;
import dev.pnode.example.kvstore.internal.KeyValueStoreInterface;
import dev.pnode.sdk.InProcessPlugin;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/** The plugin's gRPC contract, served in-process: what a host sees once the plugin runs. */
public class KeyValueStorePluginTest {

    @Rule
    public final InProcessPlugin plugin = new InProcessPlugin(() -> new KeyValueStorePlugin().services());

    @Test
    public void storesReplacesAndListsKeysSorted() {
        init("");
        put("b", "2");
        put("a", "1");
        put("a", "one");
        assertEquals("one", get("a").getValue());
        assertEquals(List.of("a", "b"), keys());
    }

    @Test
    public void aMissingKeyIsNotFound() {
        init("{}");
        GetResponse response = get("nothing");
        assertFalse(response.getFound());
        assertEquals("", response.getValue());
    }

    @Test
    public void anEmptyValueIsStillFound() {
        init("{}");
        put("a", "");
        assertEquals(true, get("a").getFound());
    }

    @Test
    public void aPrefixConfinesTheKeys() {
        init("{\"prefix\":\"node1/\"}");
        put("node1/a", "1");
        assertRefused(() -> put("node2/a", "1"), Status.Code.INVALID_ARGUMENT,
                "key \"node2/a\" is outside the prefix \"node1/\"");
        assertEquals(List.of("node1/a"), keys());
    }

    @Test
    public void refusesConfigurationThatIsNotJson() {
        assertRefused(() -> init("{\"prefix\":"), Status.Code.INVALID_ARGUMENT, "configuration is not valid JSON");
    }

    @Test
    public void refusesConfigurationThatIsNotAnObject() {
        assertRefused(() -> init("[1]"), Status.Code.INVALID_ARGUMENT,
                "configuration must be a JSON object like {\"prefix\":\"node1/\"}, was [1]");
    }

    @Test
    public void refusesAPrefixThatIsNotAString() {
        assertRefused(() -> init("{\"prefix\":7}"), Status.Code.INVALID_ARGUMENT,
                "configuration key \"prefix\" must be a string, was 7");
    }

    @Test
    public void refusesUnknownConfigurationKeys() {
        assertRefused(() -> init("{\"prefx\":\"a\"}"), Status.Code.INVALID_ARGUMENT,
                "unknown configuration key \"prefx\"; supported: prefix");
    }

    @Test
    public void refusesCallsBeforeInit() {
        assertRefused(() -> get("a"), Status.Code.FAILED_PRECONDITION,
                "the plugin is not initialized: call PluginInitializer/Init first");
        assertRefused(() -> put("a", "1"), Status.Code.FAILED_PRECONDITION, "the plugin is not initialized");
        assertRefused(this::keys, Status.Code.FAILED_PRECONDITION, "the plugin is not initialized");
    }

    @Test
    public void speaksTheHandshakeTheInterfaceExpects() {
        assertEquals(new KeyValueStoreInterface().handshake(), KeyValueStorePlugin.HANDSHAKE);
    }

    private void init(String configuration) {
        PluginInitializerGrpc.newBlockingStub(plugin.channel()).init(PluginInitialization.Request.newBuilder()
                .setHostIdentity("test-node")
                .setRawConfiguration(ByteString.copyFrom(configuration, StandardCharsets.UTF_8))
                .build());
    }

    private void put(String key, String value) {
        KeyValueStoreGrpc.newBlockingStub(plugin.channel()).put(PutRequest.newBuilder().setKey(key).setValue(value).build());
    }

    private GetResponse get(String key) {
        return KeyValueStoreGrpc.newBlockingStub(plugin.channel()).get(GetRequest.newBuilder().setKey(key).build());
    }

    private List<String> keys() {
        return KeyValueStoreGrpc.newBlockingStub(plugin.channel()).keys(KeysRequest.getDefaultInstance()).getKeysList();
    }

    private static void assertRefused(Runnable call, Status.Code code, String descriptionStart) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, error.getStatus().getCode());
        String description = error.getStatus().getDescription();
        if (!description.startsWith(descriptionStart)) {
            throw new AssertionError("expected a description starting with <" + descriptionStart + "> but was <"
                    + description + ">");
        }
    }
}
