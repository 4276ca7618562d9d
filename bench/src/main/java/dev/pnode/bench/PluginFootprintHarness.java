package dev.pnode.bench;

import com.quorum.plugin.proto.HelloWorld.PluginHelloWorld;
import com.quorum.plugin.proto.PluginGreetingGrpc;
import dev.pnode.api.Handshake;
import dev.pnode.api.PluginProcessVariables;
import dev.pnode.proto.goplugin.Empty;
import dev.pnode.proto.goplugin.GRPCControllerGrpc;
import dev.pnode.wire.AutoMtlsChannels;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeLine;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Java plugin's own start and footprint, as a go-plugin host sees them: for each launch variant (an unpacked
 * plugin directory whose entrypoint sets the JVM flags), spawn → handshake line, → first AutoMTLS call answered
 * (health, both sides' first TLS handshake), then {@code CALLS} greetings, {@code IDLE} seconds idle and the
 * process's RSS; stopped with go-plugin's {@code GRPCController/Shutdown} (a clean stop, as the node stops a
 * plugin). Variants run interleaved, {@code REPEATS} times each. The host side (this JVM) is warmed by a first,
 * unreported start, so the figures are the plugin's. The plugin chooses its network (a variant's entrypoint may
 * export {@code PNODE_PLUGIN_TRANSPORT=tcp}); the harness connects as its handshake line says.
 *
 * <p>Usage: PluginFootprintHarness REPEATS CALLS IDLE_SECONDS DIR[,DIR...]. Prints
 * {@code <variant>.handshake_ms / first_call_ms / rss_mb / start_cpu_ms / cpu_ms} medians and every sample on stderr:
 * the plugin's CPU time until its first answered call and until the RSS is read (its start's and its calls' work,
 * the JIT's included, which a reload's replacement spends beside the callers).
 */
public final class PluginFootprintHarness {

    private PluginFootprintHarness() {
    }

    public static void main(String[] arguments) throws Exception {
        int repeats = Integer.parseInt(arguments[0]);
        int calls = Integer.parseInt(arguments[1]);
        int idleSeconds = Integer.parseInt(arguments[2]);
        List<Path> variants = new ArrayList<>();
        for (String directory : arguments[3].split(",")) {
            variants.add(Path.of(directory).toAbsolutePath());
        }
        Map<Path, List<Sample>> samples = new LinkedHashMap<>();
        for (Path variant : variants) {
            measure(variant, 100, 0); // warms this JVM's side of TLS; makes each variant's CDS archive if it has one
        }
        for (int i = 0; i < repeats; i++) {
            for (Path variant : variants) {
                Sample sample = measure(variant, calls, idleSeconds);
                System.err.println("# " + variant.getFileName() + " " + sample);
                samples.computeIfAbsent(variant, v -> new ArrayList<>()).add(sample);
            }
        }
        samples.forEach((variant, list) -> {
            String name = variant.getFileName().toString();
            System.out.println(name + ".handshake_ms=" + Report.format(StartupMemoryFigure.median(
                    list.stream().map(Sample::handshakeMillis).toList())));
            System.out.println(name + ".first_call_ms=" + Report.format(StartupMemoryFigure.median(
                    list.stream().map(Sample::firstCallMillis).toList())));
            System.out.println(name + ".rss_mb=" + Report.format(StartupMemoryFigure.median(
                    list.stream().map(Sample::rssMib).toList())));
            System.out.println(name + ".start_cpu_ms=" + Report.format(StartupMemoryFigure.median(
                    list.stream().map(Sample::startCpuMillis).toList())));
            System.out.println(name + ".cpu_ms=" + Report.format(StartupMemoryFigure.median(
                    list.stream().map(Sample::cpuMillis).toList())));
        });
        System.exit(0);
    }

    /** One start of one variant; times from spawning the entrypoint. */
    record Sample(double handshakeMillis, double firstCallMillis, double rssMib, double startCpuMillis,
            double cpuMillis) {
    }

    static Sample measure(Path pluginDirectory, int calls, int idleSeconds) throws Exception {
        Path scratch = BenchEnvironment.scratchDirectory("footprint");
        EphemeralCertificate identity = EphemeralCertificate.generate();
        String entrypoint = Files.readString(pluginDirectory.resolve("plugin-meta.json"))
                .replaceAll("(?s).*\"entrypoint\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        ProcessBuilder builder = new ProcessBuilder(pluginDirectory.resolve(entrypoint).toString())
                .directory(pluginDirectory.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(List.of("PATH", "HOME", "USER", "LANG", "JAVA_HOME"));
        environment.put(Handshake.QUORUM.magicCookieKey(), Handshake.QUORUM.magicCookieValue());
        environment.put("PLUGIN_PROTOCOL_VERSIONS", "1");
        environment.put("PLUGIN_UNIX_SOCKET_DIR", scratch.toString());
        environment.put("PLUGIN_CLIENT_CERT", identity.certificatePem());
        environment.put(PluginProcessVariables.CACHE_DIR, Files.createDirectories(pluginDirectory.resolveSibling(
                pluginDirectory.getFileName() + ".cache")).toString());
        long spawned = System.nanoTime();
        Process process = builder.start();
        EventLoopGroup eventLoops = new EpollEventLoopGroup(1);
        ManagedChannel channel = null;
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = stdout.readLine();
            while (line != null && line.indexOf('|') < 0) {
                line = stdout.readLine();
            }
            if (line == null) {
                throw new IOException(pluginDirectory + ": no handshake line");
            }
            long handshake = System.nanoTime();
            HandshakeLine parsed = HandshakeLine.parse(line);
            NettyChannelBuilder channelBuilder = AutoMtlsChannels.builder(parsed.network(), parsed.address(),
                    Optional.of(parsed.serverCertificate().orElseThrow()), identity);
            if (parsed.network().equals(HandshakeLine.NETWORK_UNIX)) {
                channelBuilder.channelType(EpollDomainSocketChannel.class).eventLoopGroup(eventLoops);
            }
            channel = channelBuilder.build();
            HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("plugin").build());
            long firstCall = System.nanoTime();
            double startCpu = ProcessCpu.millis(process.pid());
            HelloWorldCalls.initialize(channel);
            PluginGreetingGrpc.PluginGreetingBlockingStub greeting = PluginGreetingGrpc.newBlockingStub(channel);
            for (int i = 0; i < calls; i++) {
                greeting.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .greeting(PluginHelloWorld.Request.newBuilder().setMsg("world").build());
            }
            TimeUnit.SECONDS.sleep(idleSeconds);
            double rss = ProcessMemory.rssMib(process.pid());
            double cpu = ProcessCpu.millis(process.pid());
            try {
                GRPCControllerGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                        .shutdown(Empty.getDefaultInstance());
            } catch (RuntimeException e) {
                // the plugin stops its server before it answers
            }
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IOException(pluginDirectory + ": did not exit within 20 s of Shutdown");
            }
            return new Sample((handshake - spawned) / 1e6, (firstCall - spawned) / 1e6, rss, startCpu, cpu);
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
            process.destroyForcibly();
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Scratch.deleteQuietly(scratch);
        }
    }
}
