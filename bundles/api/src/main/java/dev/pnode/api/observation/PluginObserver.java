package dev.pnode.api.observation;

import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told by the plugin host about plugin calls, starts and downloads. Called on the thread that did the work (a
 * plugin call's completion, a start), so an implementation must return quickly and must not throw.
 */
@ConsumerType
public interface PluginObserver {

    /**
     * A gRPC call to a plugin ended.
     *
     * @param interfaceKey the settings key, e.g. {@code helloworld}
     * @param plugin the plugin's name
     * @param method the full gRPC method name, e.g. {@code proto.PluginGreeting/Greeting}
     * @param grpcStatus the status code's name, {@code OK} for a success
     * @param duration from the call's start to its end
     */
    void pluginCallEnded(String interfaceKey, String plugin, String method, String grpcStatus, Duration duration);

    /** A health check of a running plugin failed (the host restarts the plugin after a few in a row). */
    void pluginHealthCheckFailed(String interfaceKey, String plugin);

    /** A plugin process started and connected (at boot, on a restart or as the new process of a reload). */
    void pluginStarted(String interfaceKey, String plugin, Duration duration);

    /**
     * A plugin zip was fetched from a plugin central, or failed to be.
     *
     * @param outcome {@code installed}, or the failure's kind in lower case ({@code signature}, {@code not_found},
     *     {@code transfer}, ...)
     */
    void pluginDownloadEnded(String plugin, String version, String outcome);
}
