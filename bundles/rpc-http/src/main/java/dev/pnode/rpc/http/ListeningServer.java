package dev.pnode.rpc.http;

import dev.pnode.rpc.transport.HttpLimits;
import dev.pnode.rpc.transport.SecuredEndpoint;
import dev.pnode.rpc.transport.ServerTls;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One Jetty server on one address with the node's {@link HttpLimits}: a connection cap, geth's read-header and idle
 * timeouts on the connector, plain HTTP or TLS. Swapping TLS material keeps the listening socket and the open
 * connections (new handshakes get the new certificate); only a switch between plain HTTP and TLS re-binds the port.
 */
final class ListeningServer implements SecuredEndpoint {

    private static final System.Logger LOG = System.getLogger(ListeningServer.class.getName());
    /** Threads only run requests: waiting for slow clients holds none (bodies are read asynchronously). */
    private static final int MAX_THREADS = 64;
    private static final int MIN_THREADS = 4;
    /**
     * Jetty ends one idle thread per this period: a burst of new connections grows the pool to its maximum, and
     * with Jetty's default (60 s) the threads would take an hour to go; with 1 s, about a minute.
     */
    private static final int THREAD_IDLE_MILLIS = 1_000;
    private static final int BACKLOG = 128;

    private final String name;
    private final HttpLimits limits;
    private final Function<Server, Handler> handler;
    /** Where to listen; after the first start the port actually bound, so that a re-bind keeps it. */
    private InetSocketAddress address;
    private Server server;
    private ServerConnector connector;
    private SslContextFactory.Server tlsFactory;

    /**
     * @param name names the threads and log lines, e.g. {@code http}
     * @param handler makes the handler for the server (WebSocket handlers need it)
     */
    ListeningServer(String name, InetSocketAddress address, HttpLimits limits, Function<Server, Handler> handler) {
        this.name = name;
        this.address = address;
        this.limits = limits;
        this.handler = handler;
    }

    @Override
    public synchronized void start(Optional<ServerTls> tls) throws IOException {
        QueuedThreadPool threads = new ConnectionResumingThreadPool(MAX_THREADS, MIN_THREADS, THREAD_IDLE_MILLIS);
        threads.setName("pnode-" + name);
        threads.setDaemon(true);
        server = new Server(threads);
        server.setHandler(handler.apply(server));
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("cannot start the " + name + " server: " + e.getMessage(), e);
        }
        listen(tls);
    }

    /**
     * The security plugin's TLS material changed. TLS to TLS swaps the certificate in place; plain HTTP to TLS or
     * back re-binds the port (connections in flight end).
     */
    @Override
    public synchronized void rebind(Optional<ServerTls> tls) throws IOException {
        if (server == null) {
            throw new IllegalStateException("the " + name + " endpoint is not started");
        }
        if (tlsFactory != null && tls.isPresent()) {
            try {
                tlsFactory.reload(factory -> configure(factory, tls.get()));
                LOG.log(Level.INFO, "JSON-RPC {0} endpoint serves a new TLS certificate on {1}", name, url());
                return;
            } catch (Exception e) {
                throw new IOException("cannot apply the new TLS material: " + e.getMessage(), e);
            }
        }
        closeConnector();
        listen(tls);
    }

    private void listen(Optional<ServerTls> tls) throws IOException {
        HttpConnectionFactory http = new HttpConnectionFactory(httpConfiguration());
        if (tls.isPresent()) {
            tlsFactory = new SslContextFactory.Server();
            configure(tlsFactory, tls.get());
            connector = new ServerConnector(server, new SslConnectionFactory(tlsFactory, HttpVersion.HTTP_1_1.asString()),
                    http);
        } else {
            tlsFactory = null;
            connector = new ServerConnector(server, http);
        }
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(BACKLOG);
        connector.setReuseAddress(true);
        connector.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        connector.addBean(new ReadHeaderTimeout(server.getScheduler()));
        server.addConnector(connector);
        try {
            connector.start();
        } catch (Exception e) {
            server.removeConnector(connector);
            connector = null;
            throw new IOException("cannot listen for JSON-RPC " + name + " on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        address = new InetSocketAddress(address.getAddress(), connector.getLocalPort());
        LOG.log(Level.INFO, "JSON-RPC {0} endpoint listening on {1}", name, url());
    }

    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        configuration.setSendXPoweredBy(false);
        return configuration;
    }

    /** The plugin's protocols and cipher suites exactly (Jetty's own exclusions would drop some of Quorum's). */
    private static void configure(SslContextFactory factory, ServerTls tls) {
        factory.setSslContext(tls.context());
        factory.setIncludeProtocols(tls.parameters().getProtocols());
        factory.setExcludeProtocols();
        factory.setIncludeCipherSuites(tls.parameters().getCipherSuites());
        factory.setExcludeCipherSuites();
        factory.setEndpointIdentificationAlgorithm(null);
    }

    /** The scheme (plain or TLS) and address, e.g. {@code https://127.0.0.1:8545/}. */
    @Override
    public synchronized String url() {
        return (tlsFactory != null ? "https" : "http") + "://" + address.getHostString() + ":" + port() + "/";
    }

    @Override
    public synchronized int port() {
        return connector != null ? connector.getLocalPort() : address.getPort();
    }

    private void closeConnector() {
        if (connector == null) {
            return;
        }
        try {
            connector.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "stopping the " + name + " listener failed: " + e.getMessage(), e);
        }
        server.removeConnector(connector);
        connector = null;
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "stopping the " + name + " server failed: " + e.getMessage(), e);
        }
        server = null;
        connector = null;
    }

    /**
     * geth's ReadHeaderTimeout for a new connection: one that has not completed a request's headers in time is
     * closed (slowloris). Later requests on a kept-alive connection are bounded by the idle timeout per stalled read.
     */
    private final class ReadHeaderTimeout implements Connection.Listener {
        private final Scheduler scheduler;
        private final Map<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();

        ReadHeaderTimeout(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void onOpened(Connection connection) {
            // an HTTP connection counts its requests; a TLS connection below it does not (-1) and is closed with it
            if (connection.getMessagesIn() < 0) {
                return;
            }
            pending.put(connection, scheduler.schedule(() -> {
                pending.remove(connection);
                if (connection.getMessagesIn() == 0) {
                    connection.getEndPoint().close();
                }
            }, limits.readHeaderTimeout()));
        }

        @Override
        public void onClosed(Connection connection) {
            Scheduler.Task task = pending.remove(connection);
            if (task != null) {
                task.cancel();
            }
        }
    }
}
