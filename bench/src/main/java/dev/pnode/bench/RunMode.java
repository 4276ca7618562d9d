package dev.pnode.bench;

/**
 * How long each figure measures. Quick keeps the whole run under two minutes on a 2-core machine and is for
 * smoke-testing and trends; the full run is what BENCHMARKS.md reports (JIT settled: more than 30k calls of
 * warm-up per path, several iterations, repeated process starts).
 */
record RunMode(boolean quick, int jmhWarmupIterations, int jmhWarmupSeconds, int jmhIterations,
        int jmhIterationSeconds, int goHostCalls, int goHostWarmup, int reloadWarmupSeconds, int reloadSteadySeconds,
        int reloads, int nodeStarts, int idleSeconds, int downloads) {

    static RunMode quickRun() {
        return new RunMode(true, 1, 3, 1, 3, 20_000, 5_000, 2, 3, 1, 1, 2, 2);
    }

    static RunMode fullRun() {
        return new RunMode(false, 4, 3, 5, 3, 100_000, 30_000, 10, 10, 5, 5, 10, 5);
    }
}
