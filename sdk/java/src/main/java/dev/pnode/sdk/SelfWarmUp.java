package dev.pnode.sdk;

import dev.pnode.api.Handshake;
import dev.pnode.wire.EphemeralCertificate;
import dev.pnode.wire.HandshakeLine;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A replacement's warm-up: a host that starts this plugin to replace a process that still serves its calls (pnode's
 * reload) gives it time before it must be fast, in
 * {@value dev.pnode.api.PluginProcessVariables#WARM_UP_MILLIS}. Before its handshake line the plugin then serves
 * the health service on a private socket (with the certificate it serves the host with afterwards, trusting only
 * that one as a client's too: one P-256 key pair per process) and checks its own health from {@value #CALLERS}
 * threads over AutoMTLS, for that long (at least one call each) or {@value #MAX_CALLS} calls: the TLS, HTTP/2, gRPC
 * and protobuf code every call runs has then been loaded, run and partly compiled when the host's TLS handshake and
 * calls arrive, instead of a cold JVM meeting them (and the callers switched to it) with its first handshake and
 * interpreted calls. Under load the first check alone can take 1-3 s (BENCHMARKS.md, session 8; 1-7 s in session 12,
 * when the budget mostly ran out before it). It runs at the priority the host started the process at (pnode lowers a
 * replacement until it switches to it), so its CPU is not taken from the host or the process being replaced. A failed
 * warm-up only logs: the plugin serves cold.
 */
final class SelfWarmUp {

    static final int CALLERS = 2;
    static final int MAX_CALLS = 10_000;
    /** A call may take at least this long, whatever the budget: a cold JVM's first TLS handshake, at a low priority. */
    static final Duration MIN_CALL_DEADLINE = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(SelfWarmUp.class.getName());

    private SelfWarmUp() {
    }

    /**
     * @param own the certificate the plugin serves the host with afterwards: the warm-up's private server and its
     *     callers use it too (trusting only it), so the replacement makes one key pair instead of three
     * @return the number of health checks answered, within {@code budget} (the host's start waits for it)
     */
    static int run(PluginEnvironment hostEnvironment, Handshake handshake, Duration budget, EphemeralCertificate own) {
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        AtomicInteger answered = new AtomicInteger();
        AtomicLong firstAnswer = new AtomicLong(started);
        try {
            AutoMtls mtls = AutoMtls.trustingItself(own);
            HealthStatusManager health = new HealthStatusManager();
            health.setStatus(PluginServer.HEALTH_SERVICE, ServingStatus.SERVING);
            PluginListener listener = PluginListener.start(new PluginEnvironment(ClassDataTraining.trainingEnvironment(
                    hostEnvironment.variables(), handshake, own, hostEnvironment.socketDirectory())),
                    Optional.of(mtls), builder -> builder.addService(health.getHealthService()));
            try (SelfChannel self = SelfChannel.open(HandshakeLine.grpc(handshake.protocolVersion(),
                    listener.network(), listener.address(), Optional.of(mtls.serverCertificate())), own)) {
                callUntil(self, budget, deadline, answered, firstAnswer);
            } finally {
                listener.stop(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "warm-up before serving failed, serving cold: " + e);
        }
        LOG.log(System.Logger.Level.INFO, "warmed up with " + answered.get() + " health checks of its own in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms, the first answered after "
                + TimeUnit.NANOSECONDS.toMillis(firstAnswer.get() - started) + " ms (budget " + budget.toMillis()
                + " ms)");
        return answered.get();
    }

    /**
     * Each caller's first call is made whatever the time (on a busy machine the certificates and the first TLS
     * handshake of a cold JVM at a lowered priority can take the whole budget, and the host's first call would pay
     * that handshake anyway), each call may take the budget or {@link #MIN_CALL_DEADLINE}, whichever is longer, and
     * no call starts after {@code deadline}.
     */
    private static void callUntil(SelfChannel self, Duration budget, long deadline, AtomicInteger answered,
            AtomicLong firstAnswer) throws InterruptedException {
        HealthCheckRequest request = HealthCheckRequest.newBuilder().setService(PluginServer.HEALTH_SERVICE).build();
        AtomicInteger calls = new AtomicInteger();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            Thread caller = new Thread(() -> {
                HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(self.channel());
                long callDeadline = Math.max(budget.toNanos(), MIN_CALL_DEADLINE.toNanos());
                do {
                    try {
                        health.withDeadlineAfter(callDeadline, TimeUnit.NANOSECONDS).check(request);
                        if (answered.getAndIncrement() == 0) {
                            firstAnswer.set(System.nanoTime());
                        }
                    } catch (StatusRuntimeException e) {
                        return; // the private server failed: nothing left to warm
                    }
                } while (System.nanoTime() < deadline && calls.incrementAndGet() < MAX_CALLS);
            }, "pnode-plugin-warm-up-" + i);
            caller.setDaemon(true);
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
    }
}
