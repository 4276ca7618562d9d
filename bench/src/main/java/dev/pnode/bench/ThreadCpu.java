package dev.pnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads by kind, from Linux's /proc/self/task/N/schedstat (nanoseconds on a CPU, including
 * the JVM's own threads: garbage collection, compilers) and the thread's name there (its first 15 characters, digits
 * folded into {@code #}, so that Jetty's pool threads count as one kind). Which threads of the node a path keeps
 * busy per call says where its CPU goes, in the same interleaved run as the figures themselves; threads that start
 * and end inside one round (the harness's callers) are not seen. Empty where /proc is missing.
 */
final class ThreadCpu {

    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {
    }

    /** @return by task id: the thread's kind and its CPU time so far, in nanoseconds */
    static Map<String, Sample> now() {
        Map<String, Sample> samples = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return samples;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    String kind = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    samples.put(task.getFileName().toString(), new Sample(kind,
                            Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')))));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return samples;
        }
        return samples;
    }

    /** Adds each thread's CPU time between the two samples to its kind's sum (a thread that started counts from 0). */
    static void addDelta(Map<String, Sample> before, Map<String, Sample> after, Map<String, Long> nanosByKind) {
        after.forEach((task, sample) -> {
            Sample earlier = before.get(task);
            long delta = sample.cpuNanos() - (earlier == null ? 0 : earlier.cpuNanos());
            nanosByKind.merge(sample.kind(), delta, Long::sum);
        });
    }

    record Sample(String kind, long cpuNanos) {
    }
}
