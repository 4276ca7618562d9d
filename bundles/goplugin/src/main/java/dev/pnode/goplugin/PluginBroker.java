package dev.pnode.goplugin;

import dev.pnode.api.BrokerException;
import dev.pnode.api.GrpcBroker;
import dev.pnode.proto.goplugin.ConnInfo;
import dev.pnode.proto.goplugin.GRPCBrokerGrpc;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeLine;
import dev.pnode.wire.NativeAutoMtls;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * go-plugin's host-side {@code GRPCBroker} ({@code grpc_broker.go}) over one plugin's main channel. The stream is
 * opened as soon as the plugin is healthy, as go-plugin's client does; a plugin without {@code plugin.GRPCBroker}
 * ends it with UNIMPLEMENTED and every later use fails naming that.
 *
 * <p>Wire behaviour copied from go-plugin: connection info received for an id waits {@link #CONNECTION_INFO_WAIT}
 * for a {@link #dial} and is then dropped; a second one for an id still waiting is dropped; a knock (multiplexed
 * brokering, go-plugin ≥ 1.6, only used when the host sets {@code PLUGIN_MULTIPLEX_GRPC}, which pnode does not) is
 * acknowledged with a refusal in its error field, as go-plugin's own listener does when it cannot accept.
 */
final class PluginBroker implements GrpcBroker {

    static final String NO_MULTIPLEXING = "pnode's host does not multiplex brokered connections: "
            + "use broker.Accept/Dial without PLUGIN_MULTIPLEX_GRPC";

    private static final Logger LOG = System.getLogger(PluginBroker.class.getName());

    private final String name;
    private final String label;
    private final Path socketDirectory;
    private final EphemeralCertificate hostIdentity;
    private final Optional<X509Certificate> pluginCertificate;
    private final AtomicInteger lastId = new AtomicInteger();
    private final AtomicInteger socketCounter = new AtomicInteger();
    private final EventLoopGroup eventLoops;
    private final StreamObserver<ConnInfo> outbound;

    // guarded by this
    private final Map<Integer, CompletableFuture<ConnInfo>> offers = new HashMap<>();
    private final List<BrokeredServer> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private String closedBecause;

    private PluginBroker(String label, Path socketDirectory, EphemeralCertificate hostIdentity,
            Optional<X509Certificate> pluginCertificate, Channel pluginChannel) {
        this.name = "plugin " + label;
        this.label = label;
        this.socketDirectory = socketDirectory;
        this.hostIdentity = hostIdentity;
        this.pluginCertificate = pluginCertificate;
        this.eventLoops = PluginChannel.oneThread(label + "-broker", PluginChannel.epoll());
        this.outbound = GRPCBrokerGrpc.newStub(pluginChannel).startStream(new Inbound());
    }

    /** Opens the broker stream on the plugin's channel; brokered sockets go to {@code socketDirectory}. */
    static PluginBroker open(String label, Channel pluginChannel, Path socketDirectory,
            EphemeralCertificate hostIdentity, Optional<X509Certificate> pluginCertificate) {
        return new PluginBroker(label, socketDirectory, hostIdentity, pluginCertificate, pluginChannel);
    }

    @Override
    public int nextId() {
        return lastId.incrementAndGet();
    }

    @Override
    public BrokeredServer acceptAndServe(int id, BindableService... services) throws BrokerException {
        requireOpen(id);
        Path socket = socketDirectory.resolve("broker-" + socketCounter.incrementAndGet() + ".sock");
        Server server;
        try {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(eventLoops)
                    .workerEventLoopGroup(eventLoops)
                    .withChildOption(ChannelOption.SO_KEEPALIVE, null);
            if (pluginCertificate.isPresent()) {
                builder.sslContext(NativeAutoMtls.server(hostIdentity, List.of(pluginCertificate.get())));
            }
            for (BindableService service : services) {
                builder.addService(service);
            }
            server = builder.build().start();
        } catch (IOException | RuntimeException e) {
            deleteSocket(socket);
            throw new BrokerException(name + ": cannot serve broker id " + Integer.toUnsignedString(id) + " on "
                    + socket + ": " + e.getMessage(), e);
        }
        BrokeredServer served = new Served(id, socket, server);
        synchronized (this) {
            if (closedBecause != null) {
                served.close();
                throw closed(id);
            }
            servers.add(served);
        }
        try {
            send(ConnInfo.newBuilder().setServiceId(id).setNetwork(HandshakeLine.NETWORK_UNIX)
                    .setAddress(socket.toString()).build());
        } catch (BrokerException | RuntimeException e) {
            served.close();
            throw e;
        }
        LOG.log(Level.DEBUG, "{0}: serving broker id {1} on {2}", name, Integer.toUnsignedString(id), socket);
        return served;
    }

    @Override
    public ManagedChannel dial(int id) throws BrokerException {
        CompletableFuture<ConnInfo> offer;
        synchronized (this) {
            requireOpen(id);
            offer = offers.computeIfAbsent(id, unused -> new CompletableFuture<>());
        }
        ConnInfo info;
        try {
            info = offer.get(CONNECTION_INFO_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BrokerException(name + " offered no connection for broker id " + Integer.toUnsignedString(id)
                    + " within " + CONNECTION_INFO_WAIT.toMillis() + " ms (it must call broker.Accept or "
                    + "AcceptAndServe with that id)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(name + ": interrupted while waiting for broker id "
                    + Integer.toUnsignedString(id), e);
        } catch (ExecutionException e) {
            throw new BrokerException(e.getCause().getMessage(), e.getCause());
        } finally {
            synchronized (this) {
                offers.remove(id, offer);
            }
        }
        return connect(id, info);
    }

    private ManagedChannel connect(int id, ConnInfo info) throws BrokerException {
        Class<? extends io.grpc.netty.shaded.io.netty.channel.Channel> type = switch (info.getNetwork()) {
            case HandshakeLine.NETWORK_UNIX -> EpollDomainSocketChannel.class;
            case HandshakeLine.NETWORK_TCP -> EpollSocketChannel.class;
            default -> throw new BrokerException(name + " offered broker id " + Integer.toUnsignedString(id)
                    + " on unknown network \"" + info.getNetwork() + "\" (address " + info.getAddress()
                    + "); only unix and tcp are supported");
        };
        ManagedChannel channel;
        try {
            channel = PluginChannel.open(info.getNetwork(), info.getAddress(), pluginCertificate, hostIdentity,
                    eventLoops, type);
        } catch (SSLException | IllegalArgumentException e) {
            throw new BrokerException(name + ": cannot connect to broker id " + Integer.toUnsignedString(id)
                    + " at " + info.getNetwork() + " " + info.getAddress() + ": " + e.getMessage(), e);
        }
        synchronized (this) {
            channels.removeIf(ManagedChannel::isTerminated);
            if (closedBecause != null) {
                channel.shutdownNow();
                throw closed(id);
            }
            channels.add(channel);
        }
        return channel;
    }

    private void send(ConnInfo info) throws BrokerException {
        synchronized (outbound) {
            requireOpen(info.getServiceId());
            outbound.onNext(info);
        }
    }

    private synchronized void requireOpen(int id) throws BrokerException {
        if (closedBecause != null) {
            throw closed(id);
        }
    }

    private BrokerException closed(int id) {
        return new BrokerException(name + ": no brokered connection for id " + Integer.toUnsignedString(id)
                + ": " + closedBecause);
    }

    /** go-plugin's {@code Run}: files each offer under its id for a dial, drops it if nobody dials in time. */
    private void received(ConnInfo info) {
        int id = info.getServiceId();
        if (info.hasKnock() && info.getKnock().getKnock() && !info.getKnock().getAck()) {
            refuseKnock(id);
            return;
        }
        CompletableFuture<ConnInfo> offer;
        synchronized (this) {
            offer = offers.computeIfAbsent(id, unused -> new CompletableFuture<>());
        }
        if (!offer.complete(info)) {
            LOG.log(Level.DEBUG, "{0}: dropped a second offer for broker id {1}", name, Integer.toUnsignedString(id));
            return;
        }
        CompletableFuture.delayedExecutor(CONNECTION_INFO_WAIT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            synchronized (this) {
                offers.remove(id, offer);
            }
        });
    }

    private void refuseKnock(int id) {
        LOG.log(Level.WARNING, "{0} knocked for a multiplexed broker connection (id {1}); refused: {2}", name,
                Integer.toUnsignedString(id), NO_MULTIPLEXING);
        try {
            send(ConnInfo.newBuilder().setServiceId(id).setKnock(ConnInfo.Knock.newBuilder().setKnock(true)
                    .setAck(true).setError(NO_MULTIPLEXING)).build());
        } catch (BrokerException e) {
            LOG.log(Level.DEBUG, "{0}: cannot answer the knock: {1}", name, e.getMessage());
        }
    }

    /** The plugin process is gone: later broker calls fail at once, naming why, instead of binding sockets. */
    void processExited(String reason) {
        ended("the plugin " + reason);
    }

    private void ended(String reason) {
        List<CompletableFuture<ConnInfo>> waiting;
        synchronized (this) {
            if (closedBecause != null) {
                return;
            }
            closedBecause = reason;
            waiting = List.copyOf(offers.values());
            offers.clear();
        }
        BrokerException failure = new BrokerException(name + ": no brokered connection: " + reason);
        waiting.forEach(offer -> offer.completeExceptionally(failure));
    }

    /** Ends the stream (go-plugin's {@code Close}), stops every brokered server and channel and their thread. */
    void close() {
        ended("the broker was closed because the plugin is being stopped");
        List<BrokeredServer> openServers;
        List<ManagedChannel> openChannels;
        synchronized (this) {
            openServers = List.copyOf(servers);
            openChannels = List.copyOf(channels);
            servers.clear();
            channels.clear();
        }
        synchronized (outbound) {
            try {
                outbound.onError(Status.CANCELLED.withDescription("host closing the broker").asException());
            } catch (RuntimeException alreadyEnded) {
                LOG.log(Level.DEBUG, "{0}: broker stream already ended: {1}", name, alreadyEnded);
            }
        }
        openServers.forEach(BrokeredServer::close);
        openChannels.forEach(ManagedChannel::shutdownNow);
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private void deleteSocket(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0}: cannot delete broker socket {1}: {2}", name, socket, e);
        }
    }

    private final class Inbound implements StreamObserver<ConnInfo> {
        @Override
        public void onNext(ConnInfo info) {
            received(info);
        }

        @Override
        public void onError(Throwable error) {
            Status status = Status.fromThrowable(error);
            if (status.getCode() == Status.Code.UNIMPLEMENTED) {
                LOG.log(Level.DEBUG, "{0} does not serve plugin.GRPCBroker", name);
                ended("it does not serve plugin.GRPCBroker (not built with go-plugin's broker)");
            } else {
                LOG.log(Level.DEBUG, "{0}: broker stream ended: {1}", name, status);
                ended("the broker stream ended: " + status.getCode()
                        + (status.getDescription() == null ? "" : " " + status.getDescription()));
            }
        }

        @Override
        public void onCompleted() {
            ended("the plugin closed the broker stream");
        }
    }

    private final class Served implements BrokeredServer {
        private final int id;
        private final Path socket;
        private final Server server;

        Served(int id, Path socket, Server server) {
            this.id = id;
            this.socket = socket;
            this.server = server;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public String address() {
            return socket.toString();
        }

        @Override
        public void close() {
            server.shutdownNow();
            try {
                server.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (PluginBroker.this) {
                servers.remove(this);
            }
            deleteSocket(socket);
        }

        @Override
        public String toString() {
            return label + " broker id " + Integer.toUnsignedString(id) + " at " + socket;
        }
    }
}
