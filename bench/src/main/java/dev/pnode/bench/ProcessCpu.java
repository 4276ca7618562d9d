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
        return ticks(stat, 2) * MILLIS_PER_TICK;
    }

    /**
     * @return the CPU milliseconds process {@code pid} used plus those of its children it has waited for (which
     *     include their own waited-for children), or NaN when it is gone or /proc is missing
     */
    static double millisWithWaitedChildren(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"), 4) * MILLIS_PER_TICK;
    }

    /** The sum of the first {@code fields} of utime, stime, cutime and cstime; NaN when unreadable. */
    private static double ticks(Path stat, int fields) {
        try {
            String content = Files.readString(stat);
            // after the command name in parentheses: state is field 3, utime 14, stime 15, cutime 16, cstime 17
            String[] afterName = content.substring(content.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int i = 0; i < fields; i++) {
                ticks += Long.parseLong(afterName[11 + i]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
