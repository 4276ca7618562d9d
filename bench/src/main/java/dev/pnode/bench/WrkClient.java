package dev.pnode.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Figure 7's HTTP keep-alive path driven by {@code wrk} (C, epoll; the Debian package {@code wrk}), a client of the
 * kind issue 14's baseline used ({@code ab -k}): a node's clients run on other machines, and on the node's own two
 * cores a client in its own process, waiting on many connections in one epoll loop, is the closest stand-in. The
 * harness's blocking Java clients ({@link RpcClient}) run in the node's JVM with a thread and a wake-up per call,
 * which session 11 found to be part of the 16-client figure's floor. One wrk thread serves all connections: two
 * cost more CPU per call and read lower in 3 of 3 runs (BENCHMARKS.md, figure 7, session 20).
 *
 * <p>Each round is one wrk run with a connection per caller, POSTing the JSON-RPC greeting back to back until the
 * round's deadline ({@code wrk-greeting.lua}), which checks every answer; a non-200 or an answer without the greeting
 * fails the round. wrk's latencies are whole microseconds, taken from the request's write to the answer's parse.
 * The round's calls per second are over wrk's own window, from before its first connection to its last answer, so
 * the process's start and exit (a few ms a round) are not counted against it.
 */
final class WrkClient implements GreetingTarget {

    static final String PATH = "http-keepalive-wrk";
    /**
     * wrk's own duration (-d) beyond the round, a backstop only: the script stops wrk at the round's deadline and
     * wakes wrk's main thread with SIGINT, which wrk ignores until it has started its threads.
     */
    private static final long BACKSTOP_SECONDS = 2;
    private static final String SCRIPT = "wrk-greeting.lua";

    private final RpcNode node;
    private final Path wrk;
    private final Path scratch;
    private final Path script;

    private WrkClient(RpcNode node, Path wrk, Path scratch) throws IOException {
        this.node = node;
        this.wrk = wrk;
        this.scratch = scratch;
        this.script = scratch.resolve(SCRIPT);
        try (InputStream text = WrkClient.class.getResourceAsStream(SCRIPT)) {
            Files.copy(text, script);
        }
    }

    static WrkClient start(BenchEnvironment environment, BenchEnvironment.PluginKind plugin) throws Exception {
        Path wrk = installed();
        RpcNode node = RpcNode.acquire(environment, plugin);
        try {
            return new WrkClient(node, wrk, BenchEnvironment.scratchDirectory("wrk"));
        } catch (IOException | RuntimeException e) {
            RpcNode.release(node);
            throw e;
        }
    }

    /** @return wrk on the PATH; figure 7 cannot run without it, and must not pass without it */
    static Path installed() {
        return installed(System.getenv().getOrDefault("PATH", ""));
    }

    static Path installed(String searchPath) {
        Optional<Path> found = Stream.of(searchPath.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty()).map(directory -> Path.of(directory, "wrk"))
                .filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new IllegalStateException("figure 7 drives HTTP keep-alive with wrk, which is "
                + "not on the PATH: apt-get install wrk"));
    }

    /** One short wrk run with one connection: the greeting the node answered, once every answer was checked. */
    @Override
    public String greeting(String msg) {
        return run(1, TimeUnit.MILLISECONDS.toNanos(100), msg).firstAnswer();
    }

    @Override
    public Round round(int callers, long durationNanos, List<Latencies> into) {
        WrkRun run = run(callers, durationNanos, "world");
        into.add(run.latencies());
        return new Round(run.clientCpuNanos(), run.clientSwitches(), run.windowNanos());
    }

    private WrkRun run(int connections, long durationNanos, String msg) {
        if (!msg.matches("[A-Za-z0-9 ]*")) {
            throw new IllegalArgumentException("the wrk script puts the message into JSON unescaped: '" + msg + "'");
        }
        ProcessBuilder builder = new ProcessBuilder(wrk.toString(), "-t", "1", "-c", Integer.toString(connections),
                "-d", (TimeUnit.NANOSECONDS.toSeconds(durationNanos) + BACKSTOP_SECONDS) + "s", "-s", script.toString(),
                "http://127.0.0.1:" + node.httpPort + "/")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PNODE_WRK_ROUND_US", Long.toString(TimeUnit.NANOSECONDS.toMicros(durationNanos)));
        builder.environment().put("PNODE_WRK_MESSAGE", msg);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return WrkRun.parse(output, connections);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + wrk + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", e);
        }
    }

    @Override
    public void close() {
        Scratch.deleteQuietly(scratch);
        RpcNode.release(node);
    }

    /**
     * What one wrk run printed ({@code wrk.*} lines of {@code wrk-greeting.lua}'s {@code done}).
     *
     * @param histogram latency in µs → calls, as wrk measured them
     */
    record WrkRun(long calls, long windowMicros, long clientCpuMicros, long clientSwitches, String firstAnswer,
            Map<Long, Long> histogram) {

        static WrkRun parse(String output, int connections) {
            Map<String, String> values = new HashMap<>();
            output.lines().filter(line -> line.startsWith("wrk.") && line.indexOf('=') > 0).forEach(line ->
                    values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
            if (!values.containsKey("wrk.calls")) {
                throw new IllegalStateException("wrk printed no results (is " + SCRIPT + " intact?):\n" + output);
            }
            if (values.containsKey("wrk.first_failure") || !values.get("wrk.failed").equals("0")) {
                throw new IllegalStateException("wrk: " + values.get("wrk.failed") + " of " + values.get("wrk.calls")
                        + " answers were not 200 with the greeting; the first: " + values.get("wrk.first_failure"));
            }
            if (!values.get("wrk.errors").equals("connect 0, read 0, write 0, status 0, timeout 0")) {
                throw new IllegalStateException("wrk's socket errors or timeouts: " + values.get("wrk.errors"));
            }
            if (values.containsKey("wrk.unstopped_thread")) {
                throw new IllegalStateException("a wrk thread got no answer after the round's deadline:\n" + output);
            }
            long calls = Long.parseLong(values.get("wrk.calls"));
            if (calls == 0 || calls != Long.parseLong(values.get("wrk.checked"))) {
                throw new IllegalStateException("wrk counted " + calls + " answers and its script checked "
                        + values.get("wrk.checked"));
            }
            Map<Long, Long> corrected = new TreeMap<>();
            for (String bucket : values.get("wrk.histogram").split(",")) {
                String[] micros = bucket.split(" ");
                corrected.put(Long.parseLong(micros[0]), Long.parseLong(micros[1]));
            }
            // wrk corrects only once every connection made a call
            Map<Long, Long> histogram = calls < connections ? corrected : uncorrected(corrected,
                    Long.parseLong(values.get("wrk.runtime_us")) / (calls / connections));
            long recorded = histogram.values().stream().mapToLong(Long::longValue).sum();
            if (recorded != calls) {
                throw new IllegalStateException("wrk's latency histogram holds " + recorded + " calls, not the "
                        + calls + " it counted");
            }
            return new WrkRun(calls, Long.parseLong(values.get("wrk.window_us")),
                    Long.parseLong(values.get("wrk.client_cpu_us")), Long.parseLong(values.get("wrk.client_switches")),
                    values.get("wrk.first_answer"), histogram);
        }

        /**
         * wrk 4 adds calls that a client keeping a fixed rate would have made while a slow call held it up
         * ({@code stats_correct}: for a latency n of at least twice the expected interval e, one more at n - e,
         * n - 2e, ... while above e) before its script sees the histogram. This harness's callers do not keep a
         * rate (each calls again as soon as answered, as the other paths' callers do), so the added calls go: the
         * correction leaves c'(n) = c(n) + c'(n + e) above e, hence c(n) = c'(n) - c'(n + e) there.
         *
         * @param expectedMicros e: wrk's runtime over its calls per connection
         */
        static Map<Long, Long> uncorrected(Map<Long, Long> corrected, long expectedMicros) {
            Map<Long, Long> original = new TreeMap<>();
            corrected.forEach((micros, calls) -> {
                long count = micros > expectedMicros ? calls - corrected.getOrDefault(micros + expectedMicros, 0L)
                        : calls;
                if (count > 0) {
                    original.put(micros, count);
                }
            });
            return original;
        }

        Latencies latencies() {
            Latencies latencies = new Latencies();
            histogram.forEach((micros, calls) -> {
                for (long i = 0; i < calls; i++) {
                    latencies.add(TimeUnit.MICROSECONDS.toNanos(micros));
                }
            });
            return latencies;
        }

        long windowNanos() {
            return TimeUnit.MICROSECONDS.toNanos(windowMicros);
        }

        long clientCpuNanos() {
            return TimeUnit.MICROSECONDS.toNanos(clientCpuMicros);
        }
    }
}
