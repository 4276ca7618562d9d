package dev.pnode.host.manager;

import dev.pnode.goplugin.PluginProcess;
import dev.pnode.host.discovery.WorkDirectories;
import dev.pnode.host.settings.ProviderSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * One started, connected plugin process and the gateway its interface made for it (the {@link ContractService}
 * hands calls to that gateway while this process serves). Owned by a {@link ManagedPlugin}; every method runs on
 * that plugin's supervisor thread.
 */
final class RunningPlugin {

    private static final System.Logger LOG = System.getLogger(RunningPlugin.class.getName());

    private final ProviderSettings provider;
    private final PluginProcess process;
    private final Object gateway;
    private final CallWatchdog watchdog;
    private final Path directory;
    private final byte[] configuration;
    private final Instant startedAt;

    RunningPlugin(ProviderSettings provider, PluginProcess process, Object gateway,
            CallWatchdog watchdog, Path directory, byte[] configuration, Instant startedAt) {
        this.provider = provider;
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

    /** The interface's implementation of its contract for this process. */
    Object gateway() {
        return gateway;
    }

    /** Watches the calls made through {@link #gateway}. */
    CallWatchdog watchdog() {
        return watchdog;
    }

    /** The extraction directory the process was started from. */
    Path directory() {
        return directory;
    }

    Instant startedAt() {
        return startedAt;
    }

    byte[] configuration() {
        return configuration.clone();
    }

    /** The same process served through another interface revision's gateway. */
    RunningPlugin rebound(Object newGateway, CallWatchdog newWatchdog) {
        return new RunningPlugin(provider, process, newGateway, newWatchdog, directory, configuration,
                startedAt);
    }

    /** Whether this process was started with the same plugin, version and resolved config. */
    boolean runs(ProviderSettings other, byte[] otherConfiguration) {
        return provider.name().equals(other.name()) && provider.version().equals(other.version())
                && Arrays.equals(configuration, otherConfiguration);
    }

    /** Stops the process, closes the gateway and releases the extraction directory (kept for the next start). */
    void destroy(WorkDirectories workDirectories) {
        process.kill();
        closeGateway();
        workDirectories.release(directory);
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
