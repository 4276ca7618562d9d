package dev.pnode.bench;

import dev.pnode.bench.GreetingMeasurements.PathLatency;
import java.util.List;
import java.util.Map;

/**
 * Figure 2: the Go helloworld plugin (go-plugin 1.0.1, AutoMTLS) called from Java through pnode's go-plugin client,
 * against the same plugin called by a minimal Go host built on go-plugin's own client
 * (examples/helloworld-go/host), both with AutoMTLS. Both are paths of the interleaved harness: the Go host's rounds
 * (it times its own calls) alternate with the Java client's in one run, so the load's drift cancels in the ratio.
 */
final class GoHostFigure {

    static final String GO_HOST_PROPERTY = "pnode.bench.goHost";
    /**
     * The baseline first: the harness's warm-up rule compares every path with the first. The second Java path is
     * pnode's client with its event loop blocking at once (netty's default; {@code pnode.plugin.eventLoopSpinMicros}
     * = 0), so every run shows what the spin is worth beside its cost. The floors (a thread wake-up, a unix socket
     * round trip between two processes, {@link FloorProbe}) are what each host's hand-offs cost on the machine.
     */
    static final List<String> PATHS = List.of("gohost", "goplugin", "goplugin-nospin", FloorProbe.PARK,
            FloorProbe.UNIX);

    private GoHostFigure() {
    }

    static void run(RunMode mode, Report report) throws Exception {
        report.note("figure 2: Java (pnode go-plugin client) vs Go (go-plugin client) calling the Go plugin, "
                + "interleaved rounds");
        List<Integer> callerCounts = mode.quick() ? List.of(1) : List.of(1, 4);
        Map<Integer, Map<String, PathLatency>> byCallers = GreetingMeasurements.interleaved(mode, "go", PATHS,
                callerCounts);
        for (int callers : callerCounts) {
            PathLatency go = byCallers.get(callers).get("gohost");
            PathLatency java = byCallers.get(callers).get("goplugin");
            String prefix = "gohost." + callers + "callers.";
            report.detail(prefix + "java_p50_us", java.p50Micros());
            report.detail(prefix + "java_p99_us", java.p99Micros());
            report.detail(prefix + "java_calls_per_s", java.callsPerSecond());
            report.detail(prefix + "java_cpu_us_per_call", java.cost().jvmCpuMicros());
            report.detail(prefix + "java_switches_per_call", java.cost().voluntarySwitches());
            report.detail(prefix + "java_plugin_switches_per_call", java.cost().childSwitches());
            report.detail(prefix + "java_caller_switches_per_call", java.cost().callerSwitches());
            report.detail(prefix + "go_p50_us", go.p50Micros());
            report.detail(prefix + "go_p99_us", go.p99Micros());
            report.detail(prefix + "go_calls_per_s", go.callsPerSecond());
            // the Go host and its plugin are both child processes of the harness: their wake-ups per call together
            report.detail(prefix + "go_host_and_plugin_switches_per_call", go.cost().childSwitches());
            report.detail(prefix + "warmup_s", java.warmupSeconds());
            report.detail(prefix + "ratio_p50", java.p50Micros() / go.p50Micros());
            report.detail(prefix + "ratio_p99", java.p99Micros() / go.p99Micros());
            report.detail(prefix + "ratio_throughput", java.callsPerSecond() / go.callsPerSecond());
            PathLatency withoutSpin = byCallers.get(callers).get("goplugin-nospin");
            report.detail(prefix + "java_nospin_p50_us", withoutSpin.p50Micros());
            report.detail(prefix + "java_nospin_p99_us", withoutSpin.p99Micros());
            report.detail(prefix + "java_nospin_calls_per_s", withoutSpin.callsPerSecond());
            report.detail(prefix + "java_nospin_cpu_us_per_call", withoutSpin.cost().jvmCpuMicros());
            report.detail(prefix + "java_nospin_switches_per_call", withoutSpin.cost().voluntarySwitches());
            report.detail(prefix + "nospin_ratio_p50", withoutSpin.p50Micros() / go.p50Micros());
            report.detail(prefix + "nospin_ratio_throughput", withoutSpin.callsPerSecond() / go.callsPerSecond());
            for (String floor : List.of(FloorProbe.PARK, FloorProbe.UNIX)) {
                PathLatency roundTrip = byCallers.get(callers).get(floor);
                String name = prefix + floor.replace('-', '_');
                report.detail(name + "_p50_us", roundTrip.p50Micros());
                report.detail(name + "_switches_per_round_trip", roundTrip.cost().voluntarySwitches()
                        + roundTrip.cost().childSwitches());
            }
        }
        report.headline("vs_go_host_ratio_p50", byCallers.get(1).get("goplugin").p50Micros()
                / byCallers.get(1).get("gohost").p50Micros());
    }
}
