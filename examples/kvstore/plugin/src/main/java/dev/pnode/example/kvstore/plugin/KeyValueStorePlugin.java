package dev.pnode.example.kvstore.plugin;

import com.quorum.plugin.proto.Initializer.PluginInitialization;
import com.quorum.plugin.proto.PluginInitializerGrpc;
import dev.pnode.api.Handshake;
import dev.pnode.example.kvstore.grpc.GetRequest;
import dev.pnode.example.kvstore.grpc.GetResponse;
import dev.pnode.example.kvstore.grpc.KeyValueStoreGrpc;
import dev.pnode.example.kvstore.grpc.KeysRequest;
import dev.pnode.example.kvstore.grpc.KeysResponse;
import dev.pnode.example.kvstore.grpc.PutRequest;
import dev.pnode.example.kvstore.grpc.PutResponse;
import dev.pnode.sdk.GoPluginServer;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory key/value store plugin: {@code PluginInitializer/Init} takes {@code {"prefix":"..."}}, then
 * {@code kvstore.KeyValueStore} Get/Put/Keys work on a sorted map that lives as long as the process.
 */
public final class KeyValueStorePlugin {

    /** Must equal the kvstore interface's handshake (checked by a test). */
    static final Handshake HANDSHAKE = new Handshake(1, "KVSTORE_PLUGIN_MAGIC_COOKIE",
            "2541A81B84BD0B2C48AF915C6E5720F513A07B4E121615B8A3EE52D706B251B3");

    private static final System.Logger LOG = System.getLogger(KeyValueStorePlugin.class.getName());

    private final ConcurrentSkipListMap<String, String> entries = new ConcurrentSkipListMap<>();
    private final AtomicReference<StoreConfiguration> configuration = new AtomicReference<>();

    public static void main(String[] args) {
        KeyValueStorePlugin plugin = new KeyValueStorePlugin();
        GoPluginServer.Builder server = GoPluginServer.builder(HANDSHAKE);
        plugin.services().forEach(server::addService);
        server.build().serve();
    }

    /** The plugin's gRPC services, for any server (the go-plugin one in main, an in-process one in tests). */
    public List<BindableService> services() {
        return List.of(new Initializer(), new Store());
    }

    private final class Initializer extends PluginInitializerGrpc.PluginInitializerImplBase {
        @Override
        public void init(PluginInitialization.Request request,
                StreamObserver<PluginInitialization.Response> responseObserver) {
            try {
                StoreConfiguration configured = StoreConfiguration.parse(request.getRawConfiguration().toByteArray());
                configuration.set(configured);
                LOG.log(System.Logger.Level.INFO, "initialized for host " + request.getHostIdentity()
                        + ", key prefix \"" + configured.prefix() + "\"");
                responseObserver.onNext(PluginInitialization.Response.getDefaultInstance());
                responseObserver.onCompleted();
            } catch (IllegalArgumentException e) {
                responseObserver.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }
    }

    private final class Store extends KeyValueStoreGrpc.KeyValueStoreImplBase {
        @Override
        public void get(GetRequest request, StreamObserver<GetResponse> responseObserver) {
            if (initialized(responseObserver) != null) {
                String value = entries.get(request.getKey());
                reply(responseObserver, value == null ? GetResponse.getDefaultInstance()
                        : GetResponse.newBuilder().setFound(true).setValue(value).build());
            }
        }

        @Override
        public void put(PutRequest request, StreamObserver<PutResponse> responseObserver) {
            StoreConfiguration configured = initialized(responseObserver);
            if (configured == null) {
                return;
            }
            try {
                configured.checkKey(request.getKey());
            } catch (IllegalArgumentException e) {
                responseObserver.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                return;
            }
            entries.put(request.getKey(), request.getValue());
            reply(responseObserver, PutResponse.getDefaultInstance());
        }

        @Override
        public void keys(KeysRequest request, StreamObserver<KeysResponse> responseObserver) {
            if (initialized(responseObserver) != null) {
                reply(responseObserver, KeysResponse.newBuilder().addAllKeys(entries.keySet()).build());
            }
        }

        /** The configuration, or null after failing the call because Init has not been called. */
        private StoreConfiguration initialized(StreamObserver<?> responseObserver) {
            StoreConfiguration configured = configuration.get();
            if (configured == null) {
                responseObserver.onError(Status.FAILED_PRECONDITION
                        .withDescription("the plugin is not initialized: call PluginInitializer/Init first")
                        .asRuntimeException());
            }
            return configured;
        }

        private <T> void reply(StreamObserver<T> responseObserver, T response) {
            responseObserver.onNext(response);
            responseObserver.onCompleted();
        }
    }
}
