package dev.pnode.bench;

import dev.pnode.api.Handshake;
import dev.pnode.api.PluginProcessVariables;
import dev.pnode.goplugin.LaunchSpec;
import dev.pnode.goplugin.PluginProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * pnode's go-plugin client without the OSGi layer: {@link PluginProcess} starts the plugin with AutoMTLS and hands
 * out its channel; calls go through a plain blocking stub, as the helloworld gateway makes them.
 */
final class GoPluginClient implements GreetingTarget {

    private final PluginProcess process;
    private final HelloWorldCalls calls;
    private final Path scratch;

    private GoPluginClient(PluginProcess process, HelloWorldCalls calls, Path scratch) {
        this.process = process;
        this.calls = calls;
        this.scratch = scratch;
    }

    static GoPluginClient start(Path pluginZip) throws Exception {
        Path scratch = BenchEnvironment.scratchDirectory("goplugin");
        PluginZip plugin = PluginZip.extract(pluginZip, scratch.resolve("plugin"));
        Path run = Files.createDirectories(scratch.resolve("run"));
        PluginProcess process = PluginProcess.create(new LaunchSpec("bench-helloworld", plugin.entrypoint(),
                plugin.parameters(), plugin.directory(), Handshake.QUORUM,
                Map.of("TMPDIR", scratch.toString(), PluginProcessVariables.CACHE_DIR,
                        Files.createDirectories(scratch.resolve("cache")).toString()),
                Duration.ofSeconds(30), run));
        try {
            process.start();
            return new GoPluginClient(process, HelloWorldCalls.initialize(process.channel()), scratch);
        } catch (Exception | Error e) {
            process.kill();
            throw e;
        }
    }

    /**
     * The same client with its event loop blocking as soon as it is idle (netty's default, what pnode did before
     * {@link PluginProcess#EVENT_LOOP_SPIN_MICROS_PROPERTY}): figure 2's A/B of the spin.
     */
    static GoPluginClient startWithoutSpin(Path pluginZip) throws Exception {
        String before = System.setProperty(PluginProcess.EVENT_LOOP_SPIN_MICROS_PROPERTY, "0");
        try {
            return start(pluginZip);
        } finally {
            if (before == null) {
                System.clearProperty(PluginProcess.EVENT_LOOP_SPIN_MICROS_PROPERTY);
            } else {
                System.setProperty(PluginProcess.EVENT_LOOP_SPIN_MICROS_PROPERTY, before);
            }
        }
    }

    long pid() {
        return process.pid().orElse(-1);
    }

    @Override
    public String greeting(String msg) {
        return calls.greeting(msg);
    }

    @Override
    public void close() {
        process.kill();
        Scratch.deleteQuietly(scratch);
    }
}
