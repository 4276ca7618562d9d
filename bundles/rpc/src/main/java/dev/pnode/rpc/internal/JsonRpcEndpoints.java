package dev.pnode.rpc.internal;

import dev.pnode.api.PluginAdmin;
import dev.pnode.api.PluginRegistry;
import dev.pnode.api.PluginSettingsProperties;
import dev.pnode.api.node.EndpointProperties;
import dev.pnode.api.node.ReadinessProperties;
import dev.pnode.rpc.jsonrpc.JsonRpcDispatcher;
import dev.pnode.rpc.jsonrpc.RequestLimits;
import dev.pnode.rpc.methods.AdminMethods;
import dev.pnode.rpc.methods.ApiSelection;
import dev.pnode.rpc.methods.NodeMethods;
import dev.pnode.rpc.methods.PluginMethods;
import dev.pnode.rpc.methods.WebEndpointControl;
import dev.pnode.rpc.jsonrpc.JsonRpcError;
import dev.pnode.rpc.transport.DaemonThreads;
import dev.pnode.rpc.transport.HealthCheck;
import dev.pnode.rpc.transport.HttpLimits;
import dev.pnode.rpc.transport.SecuredEndpoint;
import dev.pnode.rpc.transport.WebEndpointFactory;
import dev.pnode.rpc.transport.IpcServer;
import dev.pnode.security.SecurityPlugin;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Runs the node's JSON-RPC endpoints: always the IPC socket (every API), HTTP when {@code pnode.http.enabled}
 * (the APIs of {@code pnode.http.api}; {@code admin} only when asked for), WebSocket when {@code pnode.ws.enabled}, and
 * either on a running node when {@code admin_startHTTP} or {@code admin_startWS} asks. Reports through
 * {@code pnode.readiness} so that a node whose endpoints cannot listen fails at boot with the reason.
 * The IPC socket listens at once; HTTP and WebSocket wait for the framework's HTTP stack ({@link HttpStack}), whose
 * pnode-rpc-http makes them: the launcher installs and starts it at boot only when one of them (or {@code --metrics}) is
 * enabled, and {@code admin_startHTTP} / {@code admin_startWS} install and start it on a running node.
 * The host's services are optional and dynamic: the endpoints outlive host restarts and say when it is away. While a
 * security plugin is configured, HTTP serves HTTPS with its TLS material and requires its bearer tokens; IPC stays
 * unauthenticated (the socket's file mode keeps other users out). WebSocket follows the security plugin like HTTP.
 */
@Component(immediate = true, service = {})
public final class JsonRpcEndpoints implements WebEndpointControl {

    private static final System.Logger LOG = System.getLogger(JsonRpcEndpoints.class.getName());
    private static final int MAX_IPC_CONNECTIONS = 64;
    private static final Duration IPC_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** How long {@code admin_startHTTP} waits for the HTTP stack's bundles to start. */
    private static final Duration HTTP_STACK_TIMEOUT = Duration.ofSeconds(60);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginAdmin admin;

    private volatile SecurityRequirement securityRequirement;
    private final HttpSecurity httpSecurity = new HttpSecurity(() -> securityRequirement.getAsBoolean());
    private static final Duration TLS_RETRY = Duration.ofSeconds(5);

    /**
     * Fetches TLS material off the DS thread (the plugin's answer may take up to its call timeout), and starts the web
     * endpoints of the settings once the HTTP stack has started.
     */
    private final ScheduledExecutorService webTasks = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("pnode-web-endpoints"));

    private BundleContext context;
    private EndpointSettings settings;
    private AdminMethods adminMethods;
    private PluginMethods pluginMethods;
    private HttpStack httpStack;
    private ServiceRegistryContracts contracts;
    private IpcServer ipc;
    /** The web endpoints while they run; guarded by this. */
    private SecuredEndpoint http;
    private SecuredEndpoint webSocket;
    private boolean stopped;
    private ServiceRegistration<EndpointReadiness> readiness;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindSecurity")
    void bindSecurity(SecurityPlugin plugin) {
        httpSecurity.arrived(plugin);
        webTasks.execute(() -> applySecurity(plugin));
    }

    /** Until the plugin's TLS material is in place, or the plugin is gone, or trying again cannot help. */
    private void applySecurity(SecurityPlugin plugin) {
        if (httpSecurity.apply(plugin)) {
            webTasks.schedule(() -> applySecurity(plugin), TLS_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void unbindSecurity(SecurityPlugin plugin) {
        httpSecurity.departed(plugin);
    }

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        String settingsFile = context.getProperty(PluginSettingsProperties.FILE);
        securityRequirement = new SecurityRequirement(() -> Optional.ofNullable(registry),
                settingsFile != null && !settingsFile.isBlank());
        try {
            startIpc();
            if (!settings.http().enabled() && !settings.ws().enabled()) {
                report(ReadinessProperties.READY, "JSON-RPC on " + settings.ipcPath());
                return;
            }
            report(ReadinessProperties.STARTING, "JSON-RPC on " + settings.ipcPath()
                    + "; HTTP and WebSocket wait for the HTTP stack to start");
            httpStack.started().thenAcceptAsync(this::startWebEndpointsOfSettings, webTasks);
        } catch (IOException e) {
            // a busy port, another node on the socket: the message says it all
            fail(e.getMessage(), null);
        } catch (RuntimeException e) {
            fail(e.getMessage(), e);
        }
    }

    private void startIpc() throws IOException {
        settings = EndpointSettings.from(context::getProperty);
        httpStack = new HttpStack(context);
        contracts = new ServiceRegistryContracts(context);
        adminMethods = new AdminMethods(new AdminMethods.NodeIdentity(settings.identity(), settings.datadir()),
                () -> Optional.ofNullable(registry), () -> Optional.ofNullable(admin), this, Clock.systemUTC());
        pluginMethods = new PluginMethods(contracts, () -> Optional.ofNullable(registry));
        NodeMethods ipcMethods = new NodeMethods(adminMethods, contracts, pluginMethods, ApiSelection.ALL, "over IPC");
        ipc = new IpcServer(settings.ipcPath(), new JsonRpcDispatcher(ipcMethods, RequestLimits.DEFAULT, "ipc"),
                RequestLimits.DEFAULT.maxRequestBytes(), MAX_IPC_CONNECTIONS, IPC_IDLE_TIMEOUT);
        ipc.start();
    }

    /** At boot, once the HTTP stack has started: the web endpoints the settings enable. */
    private synchronized void startWebEndpointsOfSettings(WebEndpointFactory factory) {
        try {
            if (settings.http().enabled() && http == null) {
                http = startWeb(httpEndpoint(factory));
            }
            if (settings.ws().enabled() && webSocket == null) {
                webSocket = startWeb(webSocketEndpoint(factory));
            }
            report(ReadinessProperties.READY, "JSON-RPC on " + settings.ipcPath()
                    + Stream.of(http, webSocket).filter(Objects::nonNull).map(endpoint -> " and " + endpoint.url())
                            .collect(Collectors.joining()));
        } catch (IOException e) {
            fail(e.getMessage(), null);
        } catch (RuntimeException e) {
            fail(e.getMessage(), e);
        }
    }

    @Override
    public String startHttp() throws JsonRpcError {
        WebEndpointFactory factory = awaitHttpStack("HTTP");
        synchronized (this) {
            http = startOnRunningNode("HTTP", http, () -> httpEndpoint(factory));
            return http.url();
        }
    }

    @Override
    public String startWebSocket() throws JsonRpcError {
        WebEndpointFactory factory = awaitHttpStack("WebSocket");
        synchronized (this) {
            webSocket = startOnRunningNode("WebSocket", webSocket, () -> webSocketEndpoint(factory));
            return webSocket.url();
        }
    }

    /** Installs and starts the HTTP stack if the boot did not, and waits until it has started. */
    private WebEndpointFactory awaitHttpStack(String kind) throws JsonRpcError {
        try {
            httpStack.start();
        } catch (IllegalStateException e) {
            throw JsonRpcError.serverError(kind + " JSON-RPC cannot start: " + e.getMessage());
        }
        try {
            return httpStack.started().get(HTTP_STACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw JsonRpcError.serverError(kind + " JSON-RPC cannot start: the HTTP stack did not start within "
                    + HTTP_STACK_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JsonRpcError.serverError(kind + " JSON-RPC cannot start: interrupted");
        } catch (ExecutionException | CancellationException e) {
            throw JsonRpcError.serverError(kind + " JSON-RPC cannot start: the JSON-RPC endpoints are stopping");
        }
    }

    /** @param running the endpoint of this kind if one runs already (geth refuses a second one too) */
    private SecuredEndpoint startOnRunningNode(String kind, SecuredEndpoint running, Supplier<SecuredEndpoint> endpoint)
            throws JsonRpcError {
        if (running != null) {
            throw JsonRpcError.serverError(kind + " JSON-RPC is already running on " + running.url());
        }
        try {
            SecuredEndpoint started = startWeb(endpoint.get());
            LOG.log(Level.INFO, "{0} JSON-RPC started on the running node: {1}", kind, started.url());
            return started;
        } catch (IOException | RuntimeException e) {
            throw JsonRpcError.serverError(kind + " JSON-RPC cannot start: " + e.getMessage());
        }
    }

    /** Listens, following the security plugin; closes the endpoint again when it cannot. */
    private SecuredEndpoint startWeb(SecuredEndpoint endpoint) throws IOException {
        if (stopped) {
            endpoint.close();
            throw new IOException("the JSON-RPC endpoints are stopping");
        }
        try {
            httpSecurity.start(endpoint).ifPresent(plugin -> webTasks.schedule(() -> applySecurity(plugin),
                    TLS_RETRY.toMillis(), TimeUnit.MILLISECONDS));
            return endpoint;
        } catch (IOException | RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    private SecuredEndpoint httpEndpoint(WebEndpointFactory factory) {
        EndpointSettings.Web web = settings.http();
        return factory.http(new InetSocketAddress(web.host(), web.port()),
                dispatcher(web.apis(), "HTTP", EndpointProperties.HTTP_API + " and " + EndpointProperties.HTTP_ADMIN),
                limits(), httpSecurity.access(), settings.virtualHosts().and(web.host()), settings.corsOrigins(),
                () -> health(context));
    }

    private SecuredEndpoint webSocketEndpoint(WebEndpointFactory factory) {
        EndpointSettings.Web web = settings.ws();
        return factory.webSocket(new InetSocketAddress(web.host(), web.port()),
                dispatcher(web.apis(), "WebSocket", EndpointProperties.WS_API), limits(), httpSecurity.access(),
                settings.wsOrigins().orLocalhost());
    }

    private HttpLimits limits() {
        return settings.limits().withMaxBodyBytes(RequestLimits.DEFAULT.maxRequestBytes());
    }

    private JsonRpcDispatcher dispatcher(ApiSelection apis, String kind, String setting) {
        return new JsonRpcDispatcher(new NodeMethods(adminMethods, contracts, pluginMethods, apis, "over " + kind
                + " (the " + kind + " endpoint serves " + apis + "; see " + setting + ")"), RequestLimits.DEFAULT,
                kind.toLowerCase(Locale.ROOT));
    }

    /** Every {@code pnode.readiness} service and the host's plugins, now. */
    private HealthCheck.Health health(BundleContext context) {
        List<NodeHealth.Readiness> readiness = new ArrayList<>();
        try {
            ServiceReference<?>[] services = context.getAllServiceReferences(null, "(" + ReadinessProperties.STATE + "=*)");
            for (ServiceReference<?> service : services == null ? new ServiceReference<?>[0] : services) {
                Bundle owner = service.getBundle();
                readiness.add(new NodeHealth.Readiness(owner == null ? "a departed service" : owner.getSymbolicName(),
                        String.valueOf(service.getProperty(ReadinessProperties.STATE)),
                        (String) service.getProperty(ReadinessProperties.MESSAGE)));
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            readiness.add(new NodeHealth.Readiness("dev.pnode.rpc", "stopping", e.getMessage()));
        }
        return NodeHealth.evaluate(readiness, Optional.ofNullable(registry).map(PluginRegistry::plugins));
    }

    /** @param cause logged with its stack trace when not null */
    private synchronized void fail(String reason, Throwable cause) {
        LOG.log(Level.ERROR, "JSON-RPC endpoints cannot start: " + reason, cause);
        stopEndpoints();
        report(ReadinessProperties.FAILED, "JSON-RPC endpoints cannot start: " + reason);
    }

    @Deactivate
    void deactivate() {
        webTasks.shutdownNow();
        synchronized (this) {
            if (readiness != null) {
                readiness.unregister();
                readiness = null;
            }
            stopEndpoints();
        }
    }

    private synchronized void stopEndpoints() {
        stopped = true;
        if (httpStack != null) {
            httpStack.close();
        }
        httpSecurity.stop();
        Stream.of(http, webSocket).filter(Objects::nonNull).forEach(SecuredEndpoint::close);
        http = null;
        webSocket = null;
        if (ipc != null) {
            ipc.close();
            ipc = null;
        }
        if (contracts != null) {
            contracts.close();
            contracts = null;
        }
    }

    /** Registers the endpoints' {@code pnode.readiness}, or changes it. */
    private synchronized void report(String state, String message) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ReadinessProperties.STATE, state);
        properties.put(ReadinessProperties.MESSAGE, message);
        if (readiness == null) {
            readiness = context.registerService(EndpointReadiness.class, new EndpointReadiness(), properties);
        } else {
            readiness.setProperties(properties);
        }
    }

    /** The service that carries the endpoints' {@code pnode.readiness} for the launcher. */
    static final class EndpointReadiness {
    }
}
