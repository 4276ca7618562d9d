package dev.pnode.bench;

import java.util.Arrays;

/**
 * Latencies of individual calls in nanoseconds, with nearest-rank percentiles (the Go host computes them the same
 * way, so the two are comparable). Not thread-safe: one instance per caller, merged afterwards.
 */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    int count() {
        return count;
    }

    long sumNanos() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += nanos[i];
        }
        return sum;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.add(part.nanos[i]);
            }
        }
        return all;
    }

    /** Nearest-rank percentile in microseconds; NaN when there are no samples. */
    double percentileMicros(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.round(percentile / 100 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1000.0;
    }

    /** How many samples are above this many microseconds. */
    int countAboveMicros(double micros) {
        int above = 0;
        for (int i = 0; i < count; i++) {
            if (nanos[i] / 1000.0 > micros) {
                above++;
            }
        }
        return above;
    }
}
