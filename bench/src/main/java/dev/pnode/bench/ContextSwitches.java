package dev.pnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Context switches of this JVM's threads so far, from Linux's /proc/self/task/N/status: a hand-off between threads
 * (a selector waking a worker, a timer thread woken to re-arm) costs a switch on each side, and on a 2-core virtual
 * machine the switches, more than the Java code, separate the endpoints. Threads that ended are not counted, so
 * differences are only meaningful for long-lived threads (the node's); 0 where /proc is missing.
 */
final class ContextSwitches {

    private static final Path TASKS = Path.of("/proc/self/task");

    private ContextSwitches() {
    }

    static long ofThisProcess() {
        if (!Files.isDirectory(TASKS)) {
            return 0;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.mapToLong(ContextSwitches::ofTask).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long ofTask(Path task) {
        try (Stream<String> lines = Files.lines(task.resolve("status"))) {
            return lines.filter(line -> line.startsWith("voluntary_ctxt_switches:")
                    || line.startsWith("nonvoluntary_ctxt_switches:"))
                    .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).sum();
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended meanwhile
        }
    }
}
