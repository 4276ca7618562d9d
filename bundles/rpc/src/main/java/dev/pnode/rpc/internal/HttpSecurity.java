package dev.pnode.rpc.internal;

import dev.pnode.rpc.security.ServerTlsFactory;
import dev.pnode.rpc.security.TokenAccess;
import dev.pnode.rpc.transport.HttpAccess;
import dev.pnode.rpc.transport.SecuredEndpoint;
import dev.pnode.rpc.transport.ServerTls;
import dev.pnode.security.SecurityPlugin;
import dev.pnode.security.SecurityPluginException;
import dev.pnode.security.TlsConfiguration;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Follows the security plugin for the web endpoints (HTTP, WebSocket): its TLS material (fetched when the plugin
 * arrives, the endpoints switched to it) and its token checks. Fails closed: from the moment a plugin arrives until its TLS material is in
 * place, and whenever that material is unusable or the plugin is gone while one is configured, requests are refused.
 */
final class HttpSecurity {

    private static final System.Logger LOG = System.getLogger(HttpSecurity.class.getName());

    private final BooleanSupplier configured;
    private volatile SecurityPlugin plugin;
    /** Why requests cannot be served securely right now; null when they can. */
    private volatile String outage;
    private List<SecuredEndpoint> endpoints = List.of();

    /** @param configured whether the node's plugin settings name a {@code security} plugin */
    HttpSecurity(BooleanSupplier configured) {
        this.configured = configured;
    }

    /** Who may use the endpoint, asked on every request. */
    HttpAccess access() {
        return new TokenAccess(() -> Optional.ofNullable(plugin), this::required, () -> Optional.ofNullable(outage),
                Clock.systemUTC());
    }

    private boolean required() {
        return plugin != null || configured.getAsBoolean();
    }

    /** A (new) plugin serves: refuse requests until {@link #apply} has put its TLS material in place. */
    void arrived(SecurityPlugin arrived) {
        outage = "its TLS configuration is being applied";
        plugin = arrived;
    }

    /** The plugin is gone (stopped, crashed, reloading): requests are refused while one is configured. */
    void departed(SecurityPlugin departed) {
        if (plugin == departed) {
            plugin = null;
        }
    }

    /**
     * Starts an endpoint, with the TLS material of the plugin if one serves already, and follows the plugin with it
     * from then on (beside the endpoints started before).
     *
     * @return the plugin whose TLS material should be fetched again later (it did not answer); requests are refused
     *     meanwhile
     */
    synchronized Optional<SecurityPlugin> start(SecuredEndpoint added) throws IOException {
        SecurityPlugin current = plugin;
        Optional<ServerTls> tls = Optional.empty();
        Optional<SecurityPlugin> retry = Optional.empty();
        if (current != null) {
            try {
                tls = load(current);
                outage = null;
            } catch (SecurityPluginException | IllegalStateException e) {
                // IllegalStateException: the host's contract service gave up waiting for a plugin still starting
                unusable("it did not answer for its TLS configuration: " + e.getMessage());
                retry = Optional.of(current);
            } catch (IllegalArgumentException e) {
                unusable("its TLS configuration cannot be used: " + e.getMessage());
            }
        }
        added.start(tls);
        List<SecuredEndpoint> all = new ArrayList<>(endpoints);
        all.add(added);
        endpoints = List.copyOf(all);
        return retry;
    }

    /**
     * Fetches the TLS material of {@code arrived} and re-binds the endpoint with it, unless another plugin instance
     * has taken its place meanwhile.
     *
     * @return whether trying again later may help: the plugin did not answer, or the port could not be bound again
     *     (unusable material needs a plugin reload instead)
     */
    synchronized boolean apply(SecurityPlugin arrived) {
        if (endpoints.isEmpty() || plugin != arrived) {
            return false;
        }
        Optional<ServerTls> tls;
        try {
            tls = load(arrived);
        } catch (SecurityPluginException | IllegalStateException e) {
            unusable("it did not answer for its TLS configuration: " + e.getMessage());
            return true;
        } catch (IllegalArgumentException e) {
            unusable("its TLS configuration cannot be used: " + e.getMessage());
            return false;
        }
        try {
            for (SecuredEndpoint endpoint : endpoints) {
                endpoint.rebind(tls);
            }
            outage = null;
            return false;
        } catch (IOException e) {
            unusable("the endpoint cannot listen again: " + e.getMessage());
            return true;
        }
    }

    synchronized void stop() {
        endpoints = List.of();
    }

    private void unusable(String reason) {
        outage = reason;
        LOG.log(Level.ERROR, "HTTP JSON-RPC refuses every request: the security plugin's " + reason);
    }

    /** The plugin's TLS material, or empty for plain HTTP. */
    private static Optional<ServerTls> load(SecurityPlugin current) {
        Optional<TlsConfiguration> tls = current.get();
        if (tls.isEmpty()) {
            LOG.log(Level.WARNING, "the security plugin serves no TLS configuration: HTTP JSON-RPC stays plain "
                    + "HTTP and access tokens travel in clear text");
        }
        return tls.map(ServerTlsFactory::create);
    }
}
