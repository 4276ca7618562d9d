package dev.pnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident set size from Linux's /proc/PID/status. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static double rssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                String kib = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                return Long.parseLong(kib) / 1024.0;
            }
        }
        throw new IOException("/proc/" + pid + "/status has no VmRSS line");
    }
}
