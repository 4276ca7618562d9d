package dev.pnode.host.manager;

import dev.pnode.api.PluginServiceProperties;
import dev.pnode.host.settings.ProviderSettings;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The contract service of one plugin under one interface revision: one service object for the plugin's whole life,
 * registered without a gap through restarts and reloads (a new process gets a fresh registration of the same object
 * before the old one is withdrawn). It hands every call to the gateway of the process serving now. While no process serves because the plugin is starting or restarting, a call
 * waits for one, at most the call timeout (then it fails with the contract's own exception through the last
 * gateway, or with an {@link IllegalStateException} if no process ever served). It is registered from the plugin's
 * first start and withdrawn when the plugin is stopped or given up on, so then calls fail at once and JSON-RPC says
 * why.
 *
 * <p>{@link #register}, {@link #describe} and {@link #withdraw} run on the plugin's own thread; {@link #serve} and
 * {@link #pause} may run anywhere (a process's exit pauses it from the thread that saw the exit).
 */
final class ContractService implements InvocationHandler {

    private final String key;
    private final InterfaceBinding binding;
    private final Duration waitLimit;
    private final Object proxy;
    private ServiceRegistration<?> registration;
    private Hashtable<String, Object> properties;

    // guarded by this
    private Object serving;
    private Object lastServed;
    private boolean withdrawn;

    ContractService(InterfaceBinding binding, Duration waitLimit) {
        this.key = binding.key();
        this.binding = binding;
        this.waitLimit = waitLimit;
        Class<?> contract = binding.service().contract();
        this.proxy = Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, this);
    }

    /**
     * Registers the service (with the interface bundle's context) unless it is registered; calls wait until
     * {@link #serve}.
     *
     * @throws IllegalStateException when the interface bundle is not active
     */
    void register(ProviderSettings provider) {
        synchronized (this) {
            withdrawn = false;
        }
        if (registration != null) {
            describe(provider);
            return;
        }
        BundleContext context = binding.bundleContext();
        if (context == null) {
            throw new IllegalStateException("interface bundle " + binding.bundleName() + " is not active");
        }
        properties = properties(provider);
        registration = context.registerService(binding.service().contract().getName(), proxy, properties);
    }

    /** The service's properties name this provider (a reload may change the plugin's version). */
    void describe(ProviderSettings provider) {
        if (registration != null) {
            properties = properties(provider);
            try {
                registration.setProperties(properties);
            } catch (IllegalStateException unregistered) {
                registration = null;
            }
        }
    }

    private Hashtable<String, Object> properties(ProviderSettings provider) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(PluginServiceProperties.INTERFACE, provider.interfaceKey());
        properties.put(PluginServiceProperties.CONTRACT, binding.service().contract().getName());
        properties.put(PluginServiceProperties.NAME, provider.name());
        properties.put(PluginServiceProperties.VERSION, provider.version());
        return properties;
    }

    /**
     * From now on calls go to this gateway (a started, reloaded or rebound process); waiting calls go on. When it
     * replaces another process's gateway, the same service object is registered afresh and the old registration
     * withdrawn (make before break), so that consumers that read something from a plugin when its service arrives
     * (e.g. JSON-RPC's HTTPS endpoint, the security plugin's TLS certificate) read it from the new process, as they
     * did when every process had a service of its own. Calls through a reference to either registration carry on.
     */
    void serve(Object gateway) {
        boolean replacing;
        synchronized (this) {
            replacing = lastServed != null && lastServed != gateway;
            serving = gateway;
            lastServed = gateway;
            notifyAll();
        }
        if (replacing) {
            renewRegistration();
        }
    }

    private void renewRegistration() {
        BundleContext context = binding.bundleContext();
        if (registration == null || context == null) {
            return;
        }
        ServiceRegistration<?> old = registration;
        registration = context.registerService(binding.service().contract().getName(), proxy, properties);
        try {
            old.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the interface bundle is stopping
        }
    }

    /** The process behind {@code gateway} is gone: calls wait for the next one (if it is still the one serving). */
    synchronized void pause(Object gateway) {
        if (serving == gateway) {
            serving = null;
        }
    }

    /** Unregisters the service; calls through references kept by consumers fail at once. Safe to call twice. */
    void withdraw() {
        synchronized (this) {
            serving = null;
            withdrawn = true;
            notifyAll();
        }
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the interface bundle stopped first and the framework unregistered it
        }
        registration = null;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] arguments) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> self == arguments[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "plugin " + key + " contract " + binding.service().contract().getName();
            };
        }
        Object gateway = awaitGateway();
        try {
            return method.invoke(gateway, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private synchronized Object awaitGateway() throws InterruptedException {
        long deadline = System.nanoTime() + waitLimit.toNanos();
        while (serving == null && !withdrawn) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (serving != null) {
            return serving;
        }
        if (lastServed != null) {
            return lastServed; // its closed channel fails the call with the contract's own exception
        }
        throw new IllegalStateException("plugin " + key + " is not serving: " + (withdrawn ? "it is stopped"
                : "it did not finish starting within the call timeout of " + waitLimit.toMillis() + " ms"));
    }
}
