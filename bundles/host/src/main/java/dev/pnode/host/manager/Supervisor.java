package dev.pnode.host.manager;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A serial strand with its own thread: the plugin host has one for its bookkeeping (settings, interfaces,
 * readiness) and every plugin has one for its lifecycle, so one plugin's starts, restarts, reloads and stops never
 * race, and a plugin stuck in a slow step (a 30 s handshake wait, a trickling download) delays nobody else. Tasks
 * that throw are logged (a scheduled executor would swallow the exception and cancel a periodic task).
 */
final class Supervisor {

    private static final System.Logger LOG = System.getLogger(Supervisor.class.getName());

    private final ScheduledExecutorService executor;
    private volatile Thread thread;

    Supervisor(String threadName) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread created = new Thread(runnable, threadName);
            created.setDaemon(true);
            thread = created;
            return created;
        });
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor = pool;
    }

    /**
     * Runs the task soon; ignored once the supervisor is shut down.
     *
     * @return whether the task was accepted
     */
    boolean execute(Runnable task) {
        try {
            executor.execute(logged(task));
            return true;
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "supervisor stopped, task dropped");
            return false;
        }
    }

    /** Runs the task soon; the future completes with its result, or fails with what it threw or when refused. */
    <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        boolean accepted = execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        if (!accepted) {
            result.completeExceptionally(new IllegalStateException("the plugin host is stopping"));
        }
        return result;
    }

    /** @return the scheduled task, or null when the supervisor is shut down */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return executor.schedule(logged(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    void scheduleRepeatedly(Runnable task, Duration interval) {
        try {
            executor.scheduleWithFixedDelay(logged(task), interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "supervisor stopped, periodic task dropped");
        }
    }

    /**
     * Runs the task on the supervisor thread and waits for it (directly when already on it).
     *
     * @throws Exception what the task threw
     */
    <T> T call(Callable<T> task) throws Exception {
        if (Thread.currentThread() == thread) {
            return task.call();
        }
        Future<T> future;
        try {
            future = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the plugin host is stopping");
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Runs what is already queued, then lets the thread end; delayed tasks (restarts, health checks) are dropped. */
    void shutdownWhenIdle() {
        executor.shutdown();
    }

    /** Interrupts the running task and drops the queued ones. */
    void shutdownNow() {
        executor.shutdownNow();
    }

    /** Runs what is already queued plus {@code last}, then stops the thread; waits at most {@code timeout}. */
    void shutdown(Runnable last, Duration timeout) {
        execute(last);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "plugin supervisor did not finish within {0} s, interrupting it",
                        timeout.toSeconds());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "plugin supervisor task failed", e);
            }
        };
    }
}
