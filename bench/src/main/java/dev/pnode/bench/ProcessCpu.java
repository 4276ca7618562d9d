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
        return millis(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /**
     * @param stat a process's or a thread's ({@code /proc/PID/task/TID/stat}) stat file
     * @return the CPU milliseconds it records, or NaN when it is gone or unreadable
     */
    static double millis(Path stat) {
        try {
            String fields = Files.readString(stat);
            // after the command name in parentheses: state is field 3, utime 14 and stime 15
            String[] afterName = fields.substring(fields.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(afterName[11]) + Long.parseLong(afterName[12])) * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
