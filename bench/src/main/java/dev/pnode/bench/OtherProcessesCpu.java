package dev.pnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU the machine spent outside this JVM and its descendant processes (the node's plugins): other users' builds,
 * tests and benchmarks, which the bench lock does not keep off a shared machine. A reload window with a share of
 * them reads slow calls the reload did not cause; this tells such windows apart (BENCHMARKS.md, "Figure 3: the
 * first reload of a node, session 19": another engineer's test JVM took 0.4-0.8 of a core in a whole run's steady
 * and reload windows). Linux only (/proc); elsewhere NaN.
 */
final class OtherProcessesCpu {

    /** A reading of the machine's busy CPU and this process tree's, in milliseconds, at {@code nanos}. */
    record Reading(long nanos, double machineMillis, double treeMillis) {

        /** The other processes' CPU between {@code earlier} and this reading as a share of all cores' time. */
        double shareSince(Reading earlier) {
            double others = machineMillis - earlier.machineMillis - (treeMillis - earlier.treeMillis);
            return Math.max(0, others) / ((nanos - earlier.nanos) / 1e6 * Runtime.getRuntime().availableProcessors());
        }
    }

    private OtherProcessesCpu() {
    }

    static Reading now() {
        ProcessHandle self = ProcessHandle.current();
        // a descendant that ended in between is in its waiting parent's children's time from then on
        double tree = ProcessCpu.millisWithWaitedChildren(self.pid()) + self.descendants()
                .mapToDouble(process -> ProcessCpu.millisWithWaitedChildren(process.pid()))
                .filter(millis -> !Double.isNaN(millis)).sum();
        return new Reading(System.nanoTime(), machineMillis(), tree);
    }

    /** Busy time of all CPUs from /proc/stat's first line (user, nice, system, irq, softirq, steal), or NaN. */
    private static double machineMillis() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[field]);
            }
            return busy * ProcessCpu.MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
