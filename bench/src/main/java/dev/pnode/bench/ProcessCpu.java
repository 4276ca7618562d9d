package dev.pnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used so far (user + system), from Linux's /proc/PID/stat, in clock ticks of 10 ms. */
final class ProcessCpu {

    /** USER_HZ on Linux x86-64 and arm64. */
    static final double MILLIS_PER_TICK = 10;

    private ProcessCpu() {
    }

    /** @return the CPU milliseconds used, or NaN when the process is gone or /proc is missing */
    static double millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // after the command name in parentheses: state is field 3, utime 14 and stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
