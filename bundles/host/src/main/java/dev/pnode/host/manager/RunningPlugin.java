package dev.pnode.host.manager;

import dev.pnode.api.PluginServiceProperties;
import dev.pnode.goplugin.PluginProcess;
import dev.pnode.host.discovery.WorkDirectories;
import dev.pnode.host.settings.ProviderSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * One started, connected plugin process and, once published, its contract service. Owned by a
 * {@link ManagedPlugin}; every method runs on the supervisor thread.
 */
final class RunningPlugin {

    private static final System.Logger LOG = System.getLogger(RunningPlugin.class.getName());

    private final ProviderSettings provider;
    private final InterfaceBinding binding;
    private final PluginProcess process;
    private final Object gateway;
    private final CallWatchdog watchdog;
    private final Path directory;
    private final byte[] configuration;
    private final Instant startedAt;
    private ServiceRegistration<?> registration;

    RunningPlugin(ProviderSettings provider, InterfaceBinding binding, PluginProcess process, Object gateway,
            CallWatchdog watchdog, Path directory, byte[] configuration, Instant startedAt) {
        this.provider = provider;
        this.binding = binding;
        this.process = process;
        this.gateway = gateway;
        this.watchdog = watchdog;
        this.directory = directory;
        this.configuration = configuration.clone();
        this.startedAt = startedAt;
    }

    ProviderSettings provider() {
        return provider;
    }

    PluginProcess process() {
        return process;
    }

    /** Watches the calls made through {@link #gateway}. */
    CallWatchdog watchdog() {
        return watchdog;
    }

    Instant startedAt() {
        return startedAt;
    }

    byte[] configuration() {
        return configuration.clone();
    }

    /** The same process served through another interface revision's gateway (not yet published). */
    RunningPlugin rebound(InterfaceBinding newBinding, Object newGateway, CallWatchdog newWatchdog) {
        return new RunningPlugin(provider, newBinding, process, newGateway, newWatchdog, directory, configuration,
                startedAt);
    }

    /** Whether this process was started with the same plugin, version and resolved config. */
    boolean runs(ProviderSettings other, byte[] otherConfiguration) {
        return provider.name().equals(other.name()) && provider.version().equals(other.version())
                && Arrays.equals(configuration, otherConfiguration);
    }

    /** Registers the gateway under the contract, with the interface bundle's context. */
    void publish() throws IllegalStateException {
        BundleContext context = binding.bundleContext();
        if (context == null) {
            throw new IllegalStateException("interface bundle " + binding.bundleName() + " is not active");
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(PluginServiceProperties.INTERFACE, provider.interfaceKey());
        properties.put(PluginServiceProperties.CONTRACT, binding.service().contract().getName());
        properties.put(PluginServiceProperties.NAME, provider.name());
        properties.put(PluginServiceProperties.VERSION, provider.version());
        registration = context.registerService(binding.service().contract().getName(), gateway, properties);
    }

    /** Unregisters the contract service; consumers see it go. Safe to call twice. */
    void withdraw() {
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

    /** Withdraws the service, stops the process, closes the gateway and deletes the extraction directory. */
    void destroy(WorkDirectories workDirectories) {
        withdraw();
        process.kill();
        closeGateway();
        workDirectories.delete(directory);
    }

    /** Lets a gateway that holds resources (e.g. stubs with executors) release them. */
    void closeGateway() {
        if (gateway instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing the gateway of plugin " + provider.interfaceKey()
                        + " failed: " + e);
            }
        }
    }
}
