package dev.pnode.api;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The host's end of go-plugin's {@code GRPCBroker}: extra gRPC connections between host and plugin, negotiated by
 * id over the plugin's {@code plugin.GRPCBroker/StartStream} stream, with the same AutoMTLS identities as the main
 * connection. Typical use is a callback: the host serves a service under a fresh id and passes the id in a request;
 * the plugin calls {@code broker.Dial(id)} and uses the service while it answers.
 *
 * <pre>{@code
 * int id = broker.nextId();
 * try (BrokeredServer callback = broker.acceptAndServe(id, hostService)) {
 *     stub.greet(GreetRequest.newBuilder().setHostServiceId(id)...build());
 * }
 * }</pre>
 *
 * <p>As in go-plugin, an id's connection info is delivered once: each {@link #acceptAndServe} opens a new socket
 * that the plugin can dial once per id, and {@link #dial} takes the connection info the plugin sent for an id (it
 * is kept for {@link #CONNECTION_INFO_WAIT} only). Everything is closed when the plugin process is killed.
 */
@ProviderType
public interface GrpcBroker {

    /** go-plugin's wait for connection info, both when dialling and for unclaimed info. */
    Duration CONNECTION_INFO_WAIT = Duration.ofSeconds(5);

    /** A fresh id (go-plugin's {@code NextId}: 1, 2, ...; a uint32 on the wire). */
    int nextId();

    /**
     * go-plugin's {@code AcceptAndServe}: starts a gRPC server with {@code services} on a new unix socket in the
     * plugin's private socket directory, with the host's certificate and demanding the plugin's, then sends
     * {@code ConnInfo{service_id=id, network="unix", address}} to the plugin.
     *
     * @throws BrokerException when the broker stream is closed (the plugin does not offer it, or stopped) or the
     *     server cannot start
     */
    BrokeredServer acceptAndServe(int id, BindableService... services) throws BrokerException;

    /**
     * go-plugin's {@code Dial}: waits up to {@link #CONNECTION_INFO_WAIT} for the plugin to offer {@code id}
     * ({@code broker.Accept(id)} / {@code AcceptAndServe} on its side) and connects to it with mutual TLS. The caller
     * may shut the channel down; the broker closes it at the latest when the plugin is killed.
     *
     * @throws BrokerException when no connection info came in time or it names an unknown network
     */
    ManagedChannel dial(int id) throws BrokerException;

    /** One {@link #acceptAndServe} server. Closing it stops the server at once and deletes its socket. */
    @ProviderType
    interface BrokeredServer extends AutoCloseable {

        int id();

        /** The unix socket path sent to the plugin. */
        String address();

        @Override
        void close();
    }
}
