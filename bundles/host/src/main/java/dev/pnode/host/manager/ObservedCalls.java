package dev.pnode.host.manager;

import dev.pnode.api.observation.Observers;
import dev.pnode.api.observation.PluginObserver;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;

/**
 * Tells the {@link PluginObserver}s about every call on a plugin's channel: its method, its gRPC status and how
 * long it took (metrics). Kept apart from the host's supervision, which it does not influence.
 */
final class ObservedCalls implements ClientInterceptor {

    static final Observers<PluginObserver> OBSERVERS = Observers.of(PluginObserver.class, ObservedCalls.class);

    private final String interfaceKey;
    private final String plugin;

    ObservedCalls(String interfaceKey, String plugin) {
        this.interfaceKey = interfaceKey;
        this.plugin = plugin;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                long begin = System.nanoTime();
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        Duration took = Duration.ofNanos(System.nanoTime() - begin);
                        OBSERVERS.tell(observer -> observer.pluginCallEnded(interfaceKey, plugin,
                                method.getFullMethodName(), status.getCode().name(), took));
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
