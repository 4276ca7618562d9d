package dev.pnode.bench;

import java.util.List;

/** One way of asking a helloworld plugin process for a greeting; the figures compare these paths. */
interface GreetingTarget extends AutoCloseable {

    String greeting(String msg);

    @Override
    void close();

    /**
     * One round of the interleaved harness: {@code callers} threads call back to back for the given time, each into
     * its own Latencies added to {@code into}; a failure ends the round.
     */
    default Round round(int callers, long durationNanos, List<Latencies> into) throws InterruptedException {
        return GreetingHarness.callBackToBack(this, callers, durationNanos, into);
    }

    /**
     * What a round's client took.
     *
     * @param callerCpuNanos the CPU time of the callers' threads (the client's side of the calls)
     * @param callerSwitches their voluntary context switches (each wait for an answer that parked)
     * @param callingNanos how long the calls took, which the calls per second are over: for a client in another
     *                     process, its own window, without its start and exit
     */
    record Round(long callerCpuNanos, long callerSwitches, long callingNanos) {
    }

    /**
     * @param path {@code raw} (grpc-java, plaintext, own process), {@code raw-tls-jdk} / {@code raw-tls-openssl}
     *             (the same with AutoMTLS done by hand, JDK or OpenSSL TLS), {@code goplugin} (pnode's go-plugin
     *             client, AutoMTLS), {@code goplugin-nospin} (the same with
     *             the event loop blocking at once, netty's default), {@code gohost} (go-plugin's own Go host, AutoMTLS:
     *             figure 2's baseline), {@code contract} (the node's OSGi contract service, embedded node), or figure 7's
     *             JSON-RPC paths and {@code rpc-contract} on one shared node ({@link RpcNode}), and the floors under them
     *             that do not reach the plugin: {@code http-null} ({@code GET /} on the same connector),
     *             {@code http-modules} and {@code ipc-modules} (JSON-RPC's {@code rpc_modules}), HTTP keep-alive driven by
     *             wrk ({@code http-keepalive-wrk}, {@link WrkClient}); and the machine's
     *             floors under any path, which run no pnode code: {@code floor-park}, {@code floor-unix} and
     *             {@code floor-tcp}, each also with a hold ({@code floor-unix@300}; {@link FloorProbe})
     */
    static GreetingTarget open(String path, BenchEnvironment.PluginKind plugin, BenchEnvironment environment)
            throws Exception {
        GreetingTarget target = switch (path) {
            case "raw" -> RawPluginClient.start(environment.pluginZip(plugin), RawPluginClient.Transport.PLAINTEXT);
            case "raw-tls-jdk" -> RawPluginClient.start(environment.pluginZip(plugin),
                    RawPluginClient.Transport.TLS_JDK);
            case "raw-tls-openssl" -> RawPluginClient.start(environment.pluginZip(plugin),
                    RawPluginClient.Transport.TLS_OPENSSL);
            case "goplugin" -> GoPluginClient.start(environment.pluginZip(plugin));
            case "goplugin-nospin" -> GoPluginClient.startWithoutSpin(environment.pluginZip(plugin));
            case "gohost" -> GoHostClient.start(environment.pluginZip(plugin));
            case "contract" -> ContractClient.start(environment, plugin);
            case "rpc-contract" -> ContractClient.onRpcNode(environment, plugin);
            case "http-keepalive", "http-close", "ipc", "ws", "http-null", "http-modules", "ipc-modules" ->
                    RpcClient.start(path, environment, plugin);
            case WrkClient.PATH -> WrkClient.start(environment, plugin);
            default -> {
                if (!FloorProbe.names(path)) {
                    throw new IllegalArgumentException("unknown path '" + path + "': raw, raw-tls-jdk, raw-tls-openssl, goplugin, goplugin-nospin, gohost, contract, rpc-contract, http-keepalive, http-close, ipc, ws, http-null, http-modules, ipc-modules, http-keepalive-wrk, floor-park, floor-unix or floor-tcp (with @MICROS: held)");
                }
                yield FloorProbe.open(path);
            }
        };
        String answer = target.greeting("world");
        if (!answer.equals("Hello world!")) {
            target.close();
            throw new IllegalStateException(path + " path answered '" + answer + "' instead of 'Hello world!'");
        }
        return target;
    }
}
