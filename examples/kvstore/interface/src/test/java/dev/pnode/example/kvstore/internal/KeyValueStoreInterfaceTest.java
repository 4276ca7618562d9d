package dev.pnode.example.kvstore.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import dev.pnode.api.GrpcBroker;
import dev.pnode.api.PluginConnection;
import dev.pnode.api.PluginException;
import dev.pnode.example.kvstore.KeyValueStore;
import dev.pnode.example.kvstore.KeyValueStoreException;
import dev.pnode.example.kvstore.grpc.GetRequest;
import dev.pnode.example.kvstore.grpc.GetResponse;
import dev.pnode.example.kvstore.grpc.KeyValueStoreGrpc;
import dev.pnode.example.kvstore.grpc.KeysRequest;
import dev.pnode.example.kvstore.grpc.KeysResponse;
import dev.pnode.example.kvstore.grpc.PutRequest;
import dev.pnode.example.kvstore.grpc.PutResponse;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.After;
import org.junit.Test;

/** Runs the interface and its gateway against a real (in-process) gRPC server playing the plugin. */
public class KeyValueStoreInterfaceTest {

    private final FakeStore plugin = new FakeStore();
    private Server server;
    private ManagedChannel channel;

    @After
    public void shutDown() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    public void describesItselfToTheHostWithItsOwnCookie() {
        KeyValueStoreInterface kvstore = new KeyValueStoreInterface();
        assertEquals("kvstore", kvstore.key());
        assertEquals(KeyValueStore.class, kvstore.contract());
        assertEquals(List.of("kvstore.KeyValueStore"), kvstore.grpcServices());
        assertEquals("KVSTORE_PLUGIN_MAGIC_COOKIE", kvstore.handshake().magicCookieKey());
        assertEquals(1, kvstore.handshake().protocolVersion());
    }

    @Test
    public void initialisesThePluginThenStoresAndReadsThroughIt() throws Exception {
        KeyValueStore store = new KeyValueStoreInterface().connect(connection());

        assertEquals("node-1", plugin.init.getHostIdentity());
        assertEquals("{\"prefix\":\"\"}", plugin.init.getRawConfiguration().toString(StandardCharsets.UTF_8));
        store.put("b", "2");
        store.put("a", "1");
        store.put("a", "one");
        assertEquals("one", store.get("a"));
        assertEquals(List.of("a", "b"), store.keys());
    }

    @Test
    public void aMissingKeyReadsAsNull() throws Exception {
        assertNull(new KeyValueStoreInterface().connect(connection()).get("nothing"));
    }

    @Test
    public void aPluginRefusingItsConfigFailsTheConnectionWithItsReason() throws Exception {
        plugin.initFailure = Status.INVALID_ARGUMENT.withDescription("\"prefix\" must be a string");

        PluginException e = assertThrows(PluginException.class,
                () -> new KeyValueStoreInterface().connect(connection()));

        assertEquals("plugin kvstore: Init failed: INVALID_ARGUMENT: \"prefix\" must be a string", e.getMessage());
    }

    @Test
    public void aRefusedPutNamesTheCallAndTheReason() throws Exception {
        KeyValueStore store = new KeyValueStoreInterface().connect(connection());
        plugin.putFailure = Status.INVALID_ARGUMENT.withDescription("key \"x\" is outside the prefix \"node1/\"");

        KeyValueStoreException e = assertThrows(KeyValueStoreException.class, () -> store.put("x", "1"));

        assertEquals("plugin kvstore: put failed: INVALID_ARGUMENT: key \"x\" is outside the prefix \"node1/\"",
                e.getMessage());
    }

    @Test
    public void aPluginThatWentAwayFailsTheCallClearly() throws Exception {
        KeyValueStore store = new KeyValueStoreInterface().connect(connection());
        server.shutdownNow().awaitTermination();

        KeyValueStoreException e = assertThrows(KeyValueStoreException.class, store::keys);

        assertTrue(e.getMessage(), e.getMessage().startsWith("plugin kvstore: keys failed: UNAVAILABLE"));
    }

    @Test
    public void nullsAreRefusedBeforeReachingThePlugin() throws Exception {
        KeyValueStore store = new KeyValueStoreInterface().connect(connection());
        assertThrows(NullPointerException.class, () -> store.get(null));
        assertThrows(NullPointerException.class, () -> store.put("a", null));
    }

    private PluginConnection connection() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(plugin.initializer()).addService(plugin.store()).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        return new PluginConnection() {
            @Override public Channel channel() { return channel; }
            @Override public String pluginName() { return "kvstore"; }
            @Override public String pluginVersion() { return "1.0.0"; }
            @Override public String hostIdentity() { return "node-1"; }
            @Override public byte[] rawConfiguration() { return "{\"prefix\":\"\"}".getBytes(StandardCharsets.UTF_8); }
            @Override public Duration callTimeout() { return Duration.ofSeconds(5); }
            @Override public GrpcBroker broker() { throw new UnsupportedOperationException("no broker in this test"); }
        };
    }

    /** A store in a map, as the example plugin keeps it. */
    private static final class FakeStore {
        final Map<String, String> entries = new TreeMap<>();
        volatile PluginInitialization.Request init;
        volatile Status initFailure;
        volatile Status putFailure;

        PluginInitializerGrpc.PluginInitializerImplBase initializer() {
            return new PluginInitializerGrpc.PluginInitializerImplBase() {
                @Override
                public void init(PluginInitialization.Request request,
                        StreamObserver<PluginInitialization.Response> response) {
                    init = request;
                    if (initFailure != null) {
                        response.onError(initFailure.asRuntimeException());
                        return;
                    }
                    response.onNext(PluginInitialization.Response.getDefaultInstance());
                    response.onCompleted();
                }
            };
        }

        KeyValueStoreGrpc.KeyValueStoreImplBase store() {
            return new KeyValueStoreGrpc.KeyValueStoreImplBase() {
                @Override
                public void get(GetRequest request, StreamObserver<GetResponse> response) {
                    String value = entries.get(request.getKey());
                    response.onNext(value == null ? GetResponse.getDefaultInstance()
                            : GetResponse.newBuilder().setFound(true).setValue(value).build());
                    response.onCompleted();
                }

                @Override
                public void put(PutRequest request, StreamObserver<PutResponse> response) {
                    if (putFailure != null) {
                        response.onError(putFailure.asRuntimeException());
                        return;
                    }
                    entries.put(request.getKey(), request.getValue());
                    response.onNext(PutResponse.getDefaultInstance());
                    response.onCompleted();
                }

                @Override
                public void keys(KeysRequest request, StreamObserver<KeysResponse> response) {
                    response.onNext(KeysResponse.newBuilder().addAllKeys(entries.keySet()).build());
                    response.onCompleted();
                }
            };
        }
    }
}
