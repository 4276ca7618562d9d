package dev.pnode.goplugin.testplugin;

import dev.pnode.api.Handshake;
import dev.pnode.goplugin.LaunchSpec;
import dev.pnode.goplugin.PluginProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stand-in node in a JVM of its own: starts one plugin through {@link PluginProcess} and waits to be killed.
 * Arguments: the entrypoint and a directory for its sockets and pid records. Prints {@code SERVING} once the
 * plugin serves (never, for a plugin that hangs in its start).
 */
public final class TetheredHost {

    private TetheredHost() {
    }

    public static void main(String[] args) throws Exception {
        Path entrypoint = Path.of(args[0]);
        Path directory = Path.of(args[1]);
        PluginProcess plugin = PluginProcess.create(new LaunchSpec("tethered", entrypoint, List.of("normal"),
                directory, new Handshake(1, TestPlugin.COOKIE_KEY, TestPlugin.COOKIE_VALUE), Map.of(),
                Duration.ofMinutes(10), directory.resolve("run")));
        plugin.start();
        System.out.println("SERVING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
