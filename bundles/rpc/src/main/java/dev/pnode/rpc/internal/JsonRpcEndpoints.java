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
import dev.pnode.rpc.transport.DaemonThreads;
import dev.pnode.rpc.transport.HealthCheck;
import dev.pnode.rpc.transport.HttpEndpoint;
import dev.pnode.rpc.transport.HttpLimits;
import dev.pnode.rpc.transport.SecuredEndpoint;
import dev.pnode.rpc.transport.WebSocketEndpoint;
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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * (the APIs of {@code pnode.http.api}; {@code admin} only when asked for), WebSocket when {@code pnode.ws.enabled}. Reports
 * through {@code pnode.readiness} so that a node whose endpoints cannot listen fails at boot with the reason.
 * The host's services are optional and dynamic: the endpoints outlive host restarts and say when it is away. While a
 * security plugin is configured, HTTP serves HTTPS with its TLS material and requires its bearer tokens; IPC stays
 * unauthenticated (the socket's file mode keeps other users out). WebSocket follows the security plugin like HTTP.
 */
@Component(immediate = true, service = {})
public final class JsonRpcEndpoints {

    private static final System.Logger LOG = System.getLogger(JsonRpcEndpoints.class.getName());
    private static final int MAX_IPC_CONNECTIONS = 64;
    private static final Duration IPC_IDLE_TIMEOUT = Duration.ofMinutes(10);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginAdmin admin;

    private volatile SecurityRequirement securityRequirement;
    private final HttpSecurity httpSecurity = new HttpSecurity(() -> securityRequirement.getAsBoolean());
    private static final Duration TLS_RETRY = Duration.ofSeconds(5);

    /** Fetches TLS material off the DS thread; the plugin's answer may take up to its call timeout. */
    private final ScheduledExecutorService securityUpdates = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("pnode-http-security"));

    private ServiceRegistryContracts contracts;
    private IpcServer ipc;
    private List<SecuredEndpoint> webEndpoints = List.of();
    private ServiceRegistration<EndpointReadiness> readiness;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindSecurity")
    void bindSecurity(SecurityPlugin plugin) {
        httpSecurity.arrived(plugin);
        securityUpdates.execute(() -> applySecurity(plugin));
    }

    /** Until the plugin's TLS material is in place, or the plugin is gone, or trying again cannot help. */
    private void applySecurity(SecurityPlugin plugin) {
        if (httpSecurity.apply(plugin)) {
            securityUpdates.schedule(() -> applySecurity(plugin), TLS_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void unbindSecurity(SecurityPlugin plugin) {
        httpSecurity.departed(plugin);
    }

    @Activate
    void activate(BundleContext context) {
        String settingsFile = context.getProperty(PluginSettingsProperties.FILE);
        securityRequirement = new SecurityRequirement(() -> Optional.ofNullable(registry),
                settingsFile != null && !settingsFile.isBlank());
        try {
            readiness = report(context, ReadinessProperties.READY, start(context));
        } catch (IOException e) {
            // a busy port, another node on the socket: the message says it all
            fail(context, e.getMessage(), null);
        } catch (RuntimeException e) {
            fail(context, e.getMessage(), e);
        }
    }

    /** Starts the endpoints the settings ask for; returns where they listen. */
    private String start(BundleContext context) throws IOException {
        EndpointSettings settings = EndpointSettings.from(context::getProperty);
        contracts = new ServiceRegistryContracts(context);
        AdminMethods adminMethods = new AdminMethods(
                new AdminMethods.NodeIdentity(settings.identity(), settings.datadir()),
                () -> Optional.ofNullable(registry), () -> Optional.ofNullable(admin), Clock.systemUTC());
        PluginMethods pluginMethods = new PluginMethods(contracts, () -> Optional.ofNullable(registry));

        NodeMethods ipcMethods = new NodeMethods(adminMethods, contracts, pluginMethods, ApiSelection.ALL, "over IPC");
        ipc = new IpcServer(settings.ipcPath(), new JsonRpcDispatcher(ipcMethods, RequestLimits.DEFAULT, "ipc"),
                RequestLimits.DEFAULT.maxRequestBytes(), MAX_IPC_CONNECTIONS, IPC_IDLE_TIMEOUT);
        ipc.start();
        HttpLimits limits = settings.limits().withMaxBodyBytes(RequestLimits.DEFAULT.maxRequestBytes());
        List<SecuredEndpoint> web = new ArrayList<>();
        if (settings.http().enabled()) {
            EndpointSettings.Web http = settings.http();
            web.add(new HttpEndpoint(new InetSocketAddress(http.host(), http.port()),
                    dispatcher(adminMethods, pluginMethods, http.apis(), "HTTP", EndpointProperties.HTTP_API
                            + " and " + EndpointProperties.HTTP_ADMIN), limits, httpSecurity.access(),
                    settings.virtualHosts().and(http.host()), settings.corsOrigins(), () -> health(context)));
        }
        if (settings.ws().enabled()) {
            EndpointSettings.Web ws = settings.ws();
            web.add(new WebSocketEndpoint(new InetSocketAddress(ws.host(), ws.port()),
                    dispatcher(adminMethods, pluginMethods, ws.apis(), "WebSocket", EndpointProperties.WS_API),
                    limits, httpSecurity.access(), settings.wsOrigins().orLocalhost()));
        }
        webEndpoints = List.copyOf(web);
        httpSecurity.start(webEndpoints).ifPresent(plugin -> securityUpdates.schedule(() -> applySecurity(plugin),
                TLS_RETRY.toMillis(), TimeUnit.MILLISECONDS));
        return "JSON-RPC on " + settings.ipcPath() + webEndpoints.stream().map(endpoint -> " and " + endpoint.url())
                .collect(Collectors.joining());
    }

    private JsonRpcDispatcher dispatcher(AdminMethods admin, PluginMethods plugins, ApiSelection apis, String kind,
            String setting) {
        return new JsonRpcDispatcher(new NodeMethods(admin, contracts, plugins, apis, "over " + kind + " (the "
                + kind + " endpoint serves " + apis + "; see " + setting + ")"), RequestLimits.DEFAULT,
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
    private void fail(BundleContext context, String reason, Throwable cause) {
        LOG.log(Level.ERROR, "JSON-RPC endpoints cannot start: " + reason, cause);
        stopEndpoints();
        readiness = report(context, ReadinessProperties.FAILED, "JSON-RPC endpoints cannot start: " + reason);
    }

    @Deactivate
    void deactivate() {
        securityUpdates.shutdownNow();
        if (readiness != null) {
            readiness.unregister();
            readiness = null;
        }
        stopEndpoints();
    }

    private void stopEndpoints() {
        httpSecurity.stop();
        webEndpoints.forEach(SecuredEndpoint::close);
        webEndpoints = List.of();
        if (ipc != null) {
            ipc.close();
            ipc = null;
        }
        if (contracts != null) {
            contracts.close();
            contracts = null;
        }
    }

    private static ServiceRegistration<EndpointReadiness> report(BundleContext context, String state, String message) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ReadinessProperties.STATE, state);
        properties.put(ReadinessProperties.MESSAGE, message);
        return context.registerService(EndpointReadiness.class, new EndpointReadiness(), properties);
    }

    /** The service that carries the endpoints' {@code pnode.readiness} for the launcher. */
    static final class EndpointReadiness {
    }
}
