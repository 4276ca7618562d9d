package dev.pnode.goplugin;

import dev.pnode.api.Handshake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one plugin process.
 *
 * @param pluginLabel names the plugin in logs and errors, e.g. {@code helloworld}
 * @param executable the entrypoint to run
 * @param arguments the entrypoint's arguments (plugin-meta {@code parameters})
 * @param workingDirectory where the process runs (the plugin's private extraction directory)
 * @param handshake magic cookie and protocol version the plugin expects
 * @param environment extra variables on top of the host's allow-list and the go-plugin variables
 * @param startTimeout how long the plugin may take to print its handshake line
 * @param runDirectory where unix sockets and the pid records for orphan clean-up live
 * @param priority the CPU priority the process starts at
 */
public record LaunchSpec(String pluginLabel, Path executable, List<String> arguments, Path workingDirectory,
        Handshake handshake, Map<String, String> environment, Duration startTimeout, Path runDirectory,
        CpuPriority priority) {

    public LaunchSpec {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(priority, "priority");
    }

    /** A spec for a process started at {@link CpuPriority#NORMAL}. */
    public LaunchSpec(String pluginLabel, Path executable, List<String> arguments, Path workingDirectory,
            Handshake handshake, Map<String, String> environment, Duration startTimeout, Path runDirectory) {
        this(pluginLabel, executable, arguments, workingDirectory, handshake, environment, startTimeout,
                runDirectory, CpuPriority.NORMAL);
    }
}
