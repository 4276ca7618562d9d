package dev.pnode.bench;

import dev.pnode.bench.GreetingMeasurements.PathLatency;
import java.util.List;
import java.util.Map;

/**
 * Figure 7: the greeting through the node's JSON-RPC endpoints (HTTP keep-alive, HTTP with a new connection per
 * call, IPC on a persistent connection, WebSocket) beside the in-process contract path of the same node, in
 * interleaved rounds, with 1 and 16 callers. Goals (issue 14): keep-alive 1 client p50 <= contract p50 + 60 us;
 * keep-alive 16 clients >= 0.8x the contract path's throughput with 16 callers; IPC p50 <= contract p50 + 30 us. IPC
 * with 16 clients is reported beside HTTP's ratio (no goal). HTTP keep-alive is measured twice: with the harness's
 * blocking Java clients and with wrk, a C client of a few µs per call ({@link WrkClient}; the baseline was
 * {@code ab -k}), in the same rounds.
 */
final class RpcFigure {

    /**
     * {@code http-null} ({@code GET /} on the same connector) is the floor Jetty sets under the HTTP paths; the
     * {@link FloorProbe} paths are the machine's under both endpoints.
     */
    static final List<String> PATHS = List.of("rpc-contract", "http-keepalive", WrkClient.PATH, "http-close", "ipc",
            "ws", "http-null",
            FloorProbe.PARK + FloorProbe.HELD_AS_A_CALL, FloorProbe.UNIX + FloorProbe.HELD_AS_A_CALL,
            FloorProbe.TCP + FloorProbe.HELD_AS_A_CALL);
    static final List<Integer> CALLERS = List.of(1, 16);

    private RpcFigure() {
    }

    static void run(RunMode mode, Report report) throws Exception {
        WrkClient.installed();
        report.note("figure 7: JSON-RPC endpoints beside the contract path of the same node and the machine's floors "
                + "(interleaved rounds)");
        Map<Integer, Map<String, PathLatency>> measured = GreetingMeasurements.interleaved(mode, "java", PATHS,
                CALLERS);
        measured.forEach((callers, byPath) -> byPath.values().forEach(latency -> {
            String name = "rpc." + latency.path() + "." + callers + "callers.";
            report.detail(name + "p50_us", latency.p50Micros());
            report.detail(name + "p99_us", latency.p99Micros());
            report.detail(name + "calls_per_s", latency.callsPerSecond());
            report.detail(name + "jvm_cpu_us_per_call", latency.cost().jvmCpuMicros());
            report.detail(name + "caller_cpu_us_per_call", latency.cost().callerCpuMicros());
            report.detail(name + "caller_switches_per_call", latency.cost().callerSwitches());
            report.detail(name + "voluntary_switches_per_call", latency.cost().voluntarySwitches());
            report.detail(name + "child_switches_per_call", latency.cost().childSwitches());
            report.detail(name + "plugin_cpu_us_per_call", latency.cost().pluginCpuMicros());
        }));
        Map<String, PathLatency> one = measured.get(1);
        Map<String, PathLatency> sixteen = measured.get(16);
        double contract = one.get("rpc-contract").p50Micros();
        report.headline("http_keepalive_p50_over_contract_us", one.get("http-keepalive").p50Micros() - contract);
        report.headline("http_keepalive_p50_over_contract_us_wrk", one.get(WrkClient.PATH).p50Micros()
                - contract);
        report.headline("ipc_p50_over_contract_us", one.get("ipc").p50Micros() - contract);
        // an endpoint adds a socket round trip to the contract path's wake-up of its caller: a floor's round trip
        // held as long as a call, less the hold and one of the park round trip's two wake-ups, is the least it adds
        double hold = FloorProbe.HELD_AS_A_CALL_MICROS;
        double wakeUp = (one.get(FloorProbe.PARK + FloorProbe.HELD_AS_A_CALL).p50Micros() - hold) / 2;
        double ipcFloor = one.get(FloorProbe.UNIX + FloorProbe.HELD_AS_A_CALL).p50Micros() - hold - wakeUp;
        double httpFloor = one.get(FloorProbe.TCP + FloorProbe.HELD_AS_A_CALL).p50Micros() - hold - wakeUp;
        report.detail("rpc.floor.ipc_over_contract_us", ipcFloor);
        report.detail("rpc.floor.http_over_contract_us", httpFloor);
        report.detail("rpc.ipc_over_contract_above_floor_us", one.get("ipc").p50Micros() - contract - ipcFloor);
        report.detail("rpc.http_keepalive_over_contract_above_floor_us", one.get("http-keepalive").p50Micros()
                - contract - httpFloor);
        report.headline("ws_p50_over_contract_us", one.get("ws").p50Micros() - contract);
        report.headline("http_keepalive_16_throughput_ratio", sixteen.get("http-keepalive").callsPerSecond()
                / sixteen.get("rpc-contract").callsPerSecond());
        report.headline("http_keepalive_16_throughput_ratio_wrk", sixteen.get(WrkClient.PATH).callsPerSecond()
                / sixteen.get("rpc-contract").callsPerSecond());
        // IPC's answers are written by the plugin channel's I/O thread, which every call passes: with 16 clients its
        // CPU decides whether that costs throughput (BENCHMARKS.md, figure 7, session 14)
        report.headline("ipc_16_throughput_ratio", sixteen.get("ipc").callsPerSecond()
                / sixteen.get("rpc-contract").callsPerSecond());
    }
}
