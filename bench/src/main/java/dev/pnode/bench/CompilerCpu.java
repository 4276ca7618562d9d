package dev.pnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time the JIT compiler threads ({@code C1 CompilerThre...}, {@code C2 CompilerThre...}) of this JVM and of the
 * JVMs it started (the plugins) have used so far, from Linux's /proc (10 ms ticks). While it still grows, some JVM on
 * a path is still compiling that path, so its latency is still moving. (The JVM ends the compiler threads it added
 * once their queue ran dry, and their time leaves the sum with them: that happens only when compiling quietens.)
 */
final class CompilerCpu {

    private CompilerCpu() {
    }

    /** @return the compiler threads' CPU milliseconds of this process and its descendants (0 without /proc) */
    static double millis() {
        return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .mapToDouble(process -> ofProcess(process.pid())).sum();
    }

    /** @return the compiler threads' CPU milliseconds of this one process (0 when it is gone or without /proc) */
    static double ofProcess(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.mapToDouble(CompilerCpu::ofCompilerThread).sum();
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static double ofCompilerThread(Path task) {
        try {
            String name = Files.readString(task.resolve("comm"));
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
        } catch (IOException gone) {
            return 0;
        }
        double millis = ProcessCpu.millis(task.resolve("stat"));
        return Double.isNaN(millis) ? 0 : millis;
    }
}
