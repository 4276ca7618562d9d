package dev.pnode.goplugin;

import dev.pnode.wire.EphemeralCertificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The host's AutoMTLS identities, a fresh one for every plugin process as go-plugin's client makes them, made ahead
 * of need. In a cold JVM a key pair and certificate cost about 100-300 ms, which a plugin start should not wait
 * for. {@link #prepare()} makes the first one in the background; each {@link #take()} has the next one made a few
 * seconds later, so that making it does not compete for the CPU with the start that just took one (during a reload
 * the callers of the old process need that CPU). A start that comes before its identity was made makes it itself.
 */
final class HostIdentities {

    private static final Duration NEXT_IDENTITY_DELAY = Duration.ofSeconds(5);

    /** One short-lived daemon thread per task: nothing is left running when the bundle goes away. */
    private static final Executor BACKGROUND = task -> {
        Thread thread = new Thread(task, "pnode-autotls-identity");
        thread.setDaemon(true);
        thread.start();
    };

    private static final Object LOCK = new Object();
    private static PendingIdentity next;

    private HostIdentities() {
    }

    /** Starts making the next identity, unless one is already on its way. */
    static void prepare() {
        PendingIdentity prepared;
        synchronized (LOCK) {
            if (next != null) {
                return;
            }
            prepared = new PendingIdentity();
            next = prepared;
        }
        BACKGROUND.execute(prepared::make);
    }

    /** The identity the next {@link #take()} returns, made or awaited now; it stays the next one. */
    static EphemeralCertificate peek() {
        PendingIdentity current;
        synchronized (LOCK) {
            if (next == null) {
                next = new PendingIdentity();
            }
            current = next;
        }
        return current.makeOrAwait();
    }

    /** The identity made ahead, or made now if it is not there yet; the following one is scheduled. */
    static EphemeralCertificate take() {
        PendingIdentity current;
        PendingIdentity following = new PendingIdentity();
        synchronized (LOCK) {
            current = next != null ? next : new PendingIdentity();
            next = following;
        }
        CompletableFuture.delayedExecutor(NEXT_IDENTITY_DELAY.toMillis(), TimeUnit.MILLISECONDS, BACKGROUND)
                .execute(following::make);
        return current.makeOrAwait();
    }

    /** An identity that whoever comes first makes: the background task or a start that cannot wait for it. */
    private static final class PendingIdentity {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<EphemeralCertificate> made = new CompletableFuture<>();

        /** Makes the identity unless someone else already does. */
        void make() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                made.complete(EphemeralCertificate.generate());
            } catch (RuntimeException e) {
                made.completeExceptionally(e);
            }
        }

        EphemeralCertificate makeOrAwait() {
            make();
            try {
                return made.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
    }
}
