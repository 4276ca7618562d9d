package dev.pnode.bench;

/**
 * How long each figure measures. Quick is for smoke tests and trends (figure 1 alone about 2 minutes on a 2-core
 * machine: its warm-up lasts until the JVMs stopped compiling, 35-60 s with one caller); the full run is what
 * BENCHMARKS.md reports (JIT settled: more than 30k calls of warm-up per path, many interleaved rounds, JMH per path,
 * repeated process starts).
 *
 * @param warmupSeconds       interleaved harness: the longest warm-up per caller count (it ends once every
 *                            path's p50 has settled and the JVMs' compilers went quiet)
 * @param rounds              interleaved harness: measured rounds per path and caller count
 * @param roundMillis         interleaved harness: length of one round
 * @param jmh                 whether the JMH one-fork-per-path figures run too
 */
record RunMode(boolean quick, int warmupSeconds, int rounds, int roundMillis, boolean jmh, int jmhWarmupIterations,
        int jmhIterations, int jmhIterationSeconds, int reloadWarmupSeconds,
        int reloadSteadySeconds, int reloads, int nodeStarts, int idleSeconds, int downloads) {

    static RunMode quickRun() {
        return new RunMode(true, 60, 16, 250, false, 0, 0, 0, 2, 3, 1, 1, 2, 2);
    }

    static RunMode fullRun() {
        return new RunMode(false, 60, 30, 500, true, 3, 5, 3, 10, 10, 5, 5, 10, 5);
    }
}
