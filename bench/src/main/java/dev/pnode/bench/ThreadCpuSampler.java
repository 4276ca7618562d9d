package dev.pnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads over a stretch of time, grouped by thread name (Linux's 15-character {@code comm},
 * digits dropped, so a thread made anew per plugin process adds up under one name), from
 * {@code /proc/self/task/N/schedstat} (nanoseconds on the CPU). A thread that starts and ends inside the stretch is
 * seen by sampling every {@link #PERIOD_NANOS}; what it ran after its last sample is lost, so short-lived threads are
 * slightly under-counted.
 */
final class ThreadCpuSampler extends Thread {

    private static final Path TASKS = Path.of("/proc/self/task");
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Per thread id: its name and its CPU nanoseconds at the first and the latest sample. */
    private final Map<Long, long[]> first = new HashMap<>();
    private final Map<Long, long[]> latest = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Boolean> startedInside = new HashMap<>();
    private volatile boolean sampling = true;
    private boolean firstRound = true;

    ThreadCpuSampler() {
        super("thread-cpu-sampler");
        setDaemon(true);
    }

    @Override
    public void run() {
        while (sampling) {
            sample();
            firstRound = false;
            LockSupport.parkNanos(PERIOD_NANOS);
        }
        sample();
    }

    /** Stops sampling; the CPU nanoseconds each thread name used while it sampled, its own included. */
    Map<String, Long> finish() throws InterruptedException {
        sampling = false;
        join();
        Map<String, Long> byName = new TreeMap<>();
        latest.forEach((tid, now) -> {
            long before = startedInside.get(tid) ? 0 : first.get(tid)[0];
            String name = names.get(tid);
            byName.merge(name, now[0] - before, Long::sum);
        });
        return byName;
    }

    private void sample() {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                long tid = Long.parseLong(task.getFileName().toString());
                try {
                    long cpu = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    if (!names.containsKey(tid)) {
                        names.put(tid, Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]", ""));
                        first.put(tid, new long[] {cpu});
                        startedInside.put(tid, !firstRound);
                    }
                    latest.put(tid, new long[] {cpu});
                } catch (IOException | RuntimeException ended) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException e) {
            // no /proc: nothing to sample
        }
    }
}
