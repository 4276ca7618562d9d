package dev.pnode.itest.hardening;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * One plugin under soak: callers' calls through its contract service (fetched afresh for every call, as a user of
 * the service would after it went away), and what became of them. A failure is clear when it is the contract's own
 * exception and names the plugin ({@code plugin <key>: ...}); its kind is the gRPC status it reports.
 */
final class SoakedPlugin<T> {

    /** What a caller does with the contract. */
    @FunctionalInterface
    interface Call<T> {
        /** @return {@code ok...} for a right answer, anything else says what was wrong */
        String make(T contract, String caller, long sequence);
    }

    private static final String[] STATUS_CODES = {"UNAVAILABLE", "CANCELLED", "DEADLINE_EXCEEDED", "UNKNOWN",
        "INTERNAL", "ABORTED", "RESOURCE_EXHAUSTED"};

    static final long FAILURE_PAUSE_MILLIS = 20;
    private static final long SERVICE_RETRY_MILLIS = 200;

    final String key;
    private final ServiceTracker<T, T> tracker;
    private final Class<? extends RuntimeException> contractFailure;
    private final Call<T> call;
    private final Duration hungAfter;
    private final long serviceWaitMillis;

    private final Map<String, LongAdder> outcomes = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> chaos = new ConcurrentSkipListMap<>();
    /** The first message of each kind of failure, to show what a caller was told. */
    private final Map<String, String> firstMessages = new ConcurrentSkipListMap<>();
    private final Queue<String> unclearFailures = new ConcurrentLinkedQueue<>();
    private final LongAdder hungCalls = new LongAdder();
    private final AtomicLong longestCallMillis = new AtomicLong();

    SoakedPlugin(BundleContext context, String key, Class<T> contract,
            Class<? extends RuntimeException> contractFailure, Call<T> call, Duration hungAfter,
            long serviceWaitMillis) {
        this.key = key;
        this.tracker = new ServiceTracker<>(context, contract, null);
        this.contractFailure = contractFailure;
        this.call = call;
        this.hungAfter = hungAfter;
        this.serviceWaitMillis = serviceWaitMillis;
        tracker.open();
    }

    void close() {
        tracker.close();
    }

    /**
     * Calls outside the soak's counts until one answers right, e.g. to see that the plugin serves again: right after
     * a SIGKILL the node may not have noticed yet, and a call to the old process's service fails.
     */
    void assertServesAgain(String caller, long patienceMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        String last = "no " + key + " service";
        do {
            T service = tracker.waitForService(SERVICE_RETRY_MILLIS);
            if (service != null) {
                try {
                    last = call.make(service, caller, 0);
                    if (last.startsWith("ok")) {
                        return;
                    }
                } catch (RuntimeException e) {
                    last = e.toString();
                }
                Thread.sleep(SERVICE_RETRY_MILLIS);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("plugin " + key + " does not serve again within " + patienceMillis + " ms: " + last);
    }

    void callOnce(String caller, long sequence) {
        long start = System.nanoTime();
        String outcome;
        try {
            T service = tracker.waitForService(serviceWaitMillis);
            outcome = service == null ? "no service" : call.make(service, caller, sequence);
            if (!outcome.startsWith("ok") && !outcome.equals("no service")) {
                unclearFailures.add(outcome);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            outcome = failureKind(e);
            firstMessages.putIfAbsent(outcome, String.valueOf(e.getMessage()));
            pauseAfterFailure();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        longestCallMillis.accumulateAndGet(millis, Math::max);
        if (millis > hungAfter.toMillis()) {
            hungCalls.increment();
        }
        outcomes.computeIfAbsent(outcome, kind -> new LongAdder()).increment();
    }

    /** A caller told that the plugin is away tries again a moment later, as a client would, instead of spinning. */
    private static void pauseAfterFailure() {
        try {
            Thread.sleep(FAILURE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String failureKind(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (!contractFailure.isInstance(e) || !message.contains("plugin " + key)) {
            unclearFailures.add(e.toString());
            return "unclear";
        }
        for (String code : STATUS_CODES) {
            if (message.contains(code)) {
                return "failed " + code;
            }
        }
        return "failed other";
    }

    void recordChaos(String what) {
        chaos.computeIfAbsent(what, kind -> new LongAdder()).increment();
    }

    long calls() {
        return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long count(String outcome) {
        LongAdder adder = outcomes.get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    long chaosCount(String what) {
        LongAdder adder = chaos.get(what);
        return adder == null ? 0 : adder.sum();
    }

    long hungCalls() {
        return hungCalls.sum();
    }

    List<String> unclearFailures() {
        return List.copyOf(unclearFailures);
    }

    /**
     * E.g. {@code kvstore: calls 1200 {ok=1100, failed UNAVAILABLE=100}; chaos {SIGKILL=5}; restarts 5; ...}, then
     * a line with the first message of each kind of failure.
     */
    String summary(int restarts) {
        StringBuilder summary = new StringBuilder(String.format(
                "%-11s calls %,d %s; chaos %s; restarts %d; hung %d; longest call %,d ms; unclear %d", key + ":",
                calls(), sums(outcomes), sums(chaos), restarts, hungCalls(), longestCallMillis.get(),
                unclearFailures.size()));
        firstMessages.forEach((kind, message) -> summary.append(System.lineSeparator()).append("      first ")
                .append(kind).append(": ").append(message));
        return summary.toString();
    }

    private static String sums(Map<String, LongAdder> counts) {
        return counts.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue().sum())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
