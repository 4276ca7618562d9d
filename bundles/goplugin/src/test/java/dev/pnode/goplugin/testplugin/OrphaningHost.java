package dev.pnode.goplugin.testplugin;

import dev.pnode.api.Handshake;
import dev.pnode.goplugin.LaunchSpec;
import dev.pnode.goplugin.PluginProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A host that starts one {@link TestPlugin} and then dies as if killed with SIGKILL, leaving the plugin running
 * and its pid record behind. Arguments: run directory, plugin entrypoint, working directory.
 */
public final class OrphaningHost {

    private OrphaningHost() {
    }

    public static void main(String[] args) throws Exception {
        Path runDirectory = Path.of(args[0]);
        LaunchSpec spec = new LaunchSpec("orphan", Path.of(args[1]), List.of("normal", TestPlugin.SURVIVE_HOST),
                Path.of(args[2]), new Handshake(1, TestPlugin.COOKIE_KEY, TestPlugin.COOKIE_VALUE), Map.of(),
                Duration.ofSeconds(20), runDirectory);
        PluginProcess.create(spec).start();
        Runtime.getRuntime().halt(0);
    }
}
