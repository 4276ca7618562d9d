package dev.pnode.host.manager;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pnode.api.PluginInterface;
import dev.pnode.host.manager.GreetingInterface.Greeter;
import dev.pnode.host.settings.ConfigSource;
import dev.pnode.host.settings.ProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.Test;

/** The contract service's waiting rules, with gateways that answer by themselves. */
public class ContractServiceTest {

    private static final ProviderSettings PROVIDER = new ProviderSettings("helloworld", "helloworld", "1.0.0",
            new ConfigSource.Inline("helloworld", ""));

    /** Shorter than a reload's, so that a shift that runs to its limit does not hold the test up. */
    private static final Duration SHIFT_LIMIT = Duration.ofSeconds(2);

    private final FakeOsgi osgi = new FakeOsgi();
    private final ContractService contract = contractWaiting(Duration.ofMillis(300));

    private ContractService contractWaiting(Duration callTimeout) {
        return new ContractService(new InterfaceBinding(new GreetingInterface(), osgi.<PluginInterface>reference(),
                "helloworld"), callTimeout);
    }

    /** A contract service whose calls wait for a process longer than any test runs. */
    private ContractService patientContract() {
        return contractWaiting(Duration.ofMinutes(1));
    }

    private Greeter registered() throws InterruptedException {
        return registeredBy(contract);
    }

    private Greeter registeredBy(ContractService registering) throws InterruptedException {
        registering.open(PROVIDER);
        RealPlugin.await("the service is registered", () -> !osgi.live(Greeter.class).isEmpty());
        List<Greeter> live = osgi.live(Greeter.class);
        assertEquals(1, live.size());
        return live.get(0);
    }

    @Test
    public void aCallMadeBeforeAnyProcessServesWaitsForTheFirst() throws Exception {
        Greeter service = registered();
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> service.greeting("world"));
        Thread.sleep(50);
        contract.serve((Greeter) msg -> "first " + msg, PROVIDER);
        assertEquals("first world", call.get());
    }

    @Test
    public void aCallDuringARestartGoesToTheNextProcess() throws Exception {
        Greeter service = registered();
        Greeter dead = msg -> {
            throw new IllegalStateException("the dead process was called");
        };
        contract.serve(dead, PROVIDER);
        contract.pause(dead);
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> service.greeting("world"));
        Thread.sleep(50);
        contract.serve((Greeter) msg -> "next " + msg, PROVIDER);
        assertEquals("next world", call.get());
    }

    @Test
    public void anAsynchronousCallIsAnsweredWhenThePluginAnswersNotWhenItIsSent() throws Exception {
        Greeter service = registered();
        CompletableFuture<String> pluginAnswer = new CompletableFuture<>();
        contract.serve(new Greeter() {
            @Override
            public String greeting(String msg) {
                throw new AssertionError("the synchronous method was called");
            }

            @Override
            public CompletionStage<String> greetingAsync(String msg) {
                return pluginAnswer.thenApply(answer -> answer + " " + msg);
            }
        }, PROVIDER);

        CompletableFuture<String> call = service.greetingAsync("world").toCompletableFuture();
        assertFalse(call.isDone());
        pluginAnswer.complete("hello");
        assertEquals("hello world", call.get(5, TimeUnit.SECONDS));
    }

    @Test
    public void anAsynchronousCallDuringARestartReturnsAtOnceAndGoesToTheNextProcess() throws Exception {
        ContractService patient = patientContract();
        Greeter service = registeredBy(patient);
        Greeter dead = msg -> {
            throw new IllegalStateException("the dead process was called");
        };
        patient.serve(dead, PROVIDER);
        patient.pause(dead);

        // the calling thread is not held: the stage is handed back while no process serves
        CompletableFuture<String> call = service.greetingAsync("world").toCompletableFuture();
        assertFalse(call.isDone());
        patient.serve((Greeter) msg -> "next " + msg, PROVIDER);
        assertEquals("next world", call.get(5, TimeUnit.SECONDS));
        patient.withdraw();
    }

    @Test
    public void anAsynchronousCallThatWaitedTheCallTimeoutWithNoProcessEverServingFailsSayingSo() throws Exception {
        Greeter service = registered();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> service.greetingAsync("x").toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof IllegalStateException);
        assertEquals("plugin helloworld is not serving: it did not finish starting within the call timeout of 300 ms",
                e.getCause().getMessage());
    }

    @Test
    public void anAsynchronousCallWaitingWhenThePluginIsStoppedFailsSayingSo() throws Exception {
        ContractService patient = patientContract();
        Greeter service = registeredBy(patient);

        CompletableFuture<String> call = service.greetingAsync("x").toCompletableFuture();
        patient.withdraw();
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
        assertEquals("plugin helloworld is not serving: it is stopped", e.getCause().getMessage());
    }

    /**
     * Every call used to take the service's lock to find its gateway; the lock is also what a restart, a reload's
     * shift or a withdrawal holds while it changes the serving process, so calls to a process that serves must not
     * need it. The test holds the lock the whole time (a generous bound, not a timing: without the change the calls
     * never finish while it is held).
     */
    @Test
    public void callsToAServingProcessDoNotTakeTheServicesLock() throws Exception {
        Greeter service = registered();
        contract.serve(new Greeter() {
            @Override
            public String greeting(String msg) {
                return "hello " + msg;
            }

            @Override
            public CompletionStage<String> greetingAsync(String msg) {
                return CompletableFuture.completedFuture("later " + msg);
            }
        }, PROVIDER);
        synchronized (contract) {
            assertEquals("hello world", CompletableFuture.supplyAsync(() -> service.greeting("world"))
                    .get(10, TimeUnit.SECONDS));
            assertEquals("later world", CompletableFuture.supplyAsync(() -> service.greetingAsync("world"))
                    .thenCompose(answer -> answer).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    public void pausingAProcessThatNoLongerServesChangesNothing() throws Exception {
        Greeter service = registered();
        Greeter old = msg -> "old";
        contract.serve(old, PROVIDER);
        contract.serve((Greeter) msg -> "new", PROVIDER);
        contract.pause(old);
        assertEquals("new", service.greeting("x"));
    }

    @Test
    public void aCallThatWaitedTheCallTimeoutFailsThroughTheLastProcessWithTheContractsOwnError() throws Exception {
        Greeter service = registered();
        Greeter dead = msg -> {
            throw new UnsupportedOperationException("plugin helloworld: greeting failed: UNAVAILABLE");
        };
        contract.serve(dead, PROVIDER);
        contract.pause(dead);
        assertEquals("plugin helloworld: greeting failed: UNAVAILABLE",
                assertThrows(UnsupportedOperationException.class, () -> service.greeting("x")).getMessage());
    }

    @Test
    public void aCallThatWaitedTheCallTimeoutWithNoProcessEverServingSaysSo() throws Exception {
        Greeter service = registered();
        assertEquals("plugin helloworld is not serving: it did not finish starting within the call timeout of 300 ms",
                assertThrows(IllegalStateException.class, () -> service.greeting("x")).getMessage());
    }

    @Test
    public void aWithdrawnServiceIsGoneAndACallThroughAKeptReferenceFailsAtOnce() throws Exception {
        Greeter service = registered();
        contract.withdraw();
        assertEquals(List.of(), osgi.live(Greeter.class));
        assertEquals("plugin helloworld is not serving: it is stopped",
                assertThrows(IllegalStateException.class, () -> service.greeting("x")).getMessage());
        contract.withdraw();
    }

    @Test
    public void eachNewProcessGetsAFreshRegistrationNamingItsVersion() throws Exception {
        Greeter service = registered();
        contract.serve((Greeter) msg -> "one", PROVIDER);
        contract.serve((Greeter) msg -> "two", new ProviderSettings("helloworld", "helloworld", "2.0.0",
                new ConfigSource.Inline("helloworld", "")));
        assertEquals(1, osgi.live(Greeter.class).size());
        assertEquals("a reference to the first registration carries on", "two", service.greeting("x"));
        assertEquals("two", osgi.live(Greeter.class).get(0).greeting("x"));
        assertEquals("2.0.0", osgi.liveFor(Greeter.class, "helloworld").map(found -> osgi.registrationsOf(
                Greeter.class).stream().filter(r -> !r.unregistered).findFirst().orElseThrow().properties
                .get(dev.pnode.api.PluginServiceProperties.VERSION)).orElseThrow());
    }

    @Test
    public void duringAShiftTheReplacementTakesSomeCallsNeverTooManyAtOnceThenAll() throws Exception {
        Greeter service = registered();
        contract.serve((Greeter) msg -> "old", PROVIDER);
        AtomicInteger onReplacement = new AtomicInteger();
        AtomicInteger mostOnReplacement = new AtomicInteger();
        Greeter replacement = msg -> {
            mostOnReplacement.accumulateAndGet(onReplacement.incrementAndGet(), Math::max);
            try {
                Thread.sleep(1); // a cold process: slower than the old one, which answers at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            onReplacement.decrementAndGet();
            return "new";
        };
        AtomicBoolean calling = new AtomicBoolean(true);
        ConcurrentHashMap<String, LongAdder> answers = new ConcurrentHashMap<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            callers.execute(() -> {
                while (calling.get()) {
                    answers.computeIfAbsent(service.greeting("x"), answer -> new LongAdder()).increment();
                }
            });
        }
        try {
            GradualShift.Outcome outcome = contract.shiftTo(replacement, SHIFT_LIMIT, () -> false);

            assertEquals("the replacement stays slower than the old process", GradualShift.Outcome.LIMIT, outcome);
            assertTrue("the old process served during the shift", answers.get("old").sum() > 0);
            assertTrue("the replacement took calls during the shift", answers.get("new").sum() > 0);
            assertTrue("at most " + GradualShift.MAX_IN_FLIGHT + " calls at once on the replacement, saw "
                    + mostOnReplacement.get(), mostOnReplacement.get() <= GradualShift.MAX_IN_FLIGHT);
            contract.serve(replacement, PROVIDER);
            assertEquals("after the shift the replacement takes every call", "new", service.greeting("x"));
        } finally {
            calling.set(false);
            callers.shutdown();
            assertTrue(callers.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    public void aShiftWithNobodyCallingEndsAtOnce() throws Exception {
        registered();
        contract.serve((Greeter) msg -> "old", PROVIDER);
        long began = System.nanoTime();
        assertEquals(GradualShift.Outcome.IDLE, contract.shiftTo((Greeter) msg -> "new", GradualShift.LIMIT,
                () -> false));
        assertTrue("well before the shift's limit", System.nanoTime() - began < GradualShift.LIMIT.toNanos());
    }

    @Test
    public void aShiftEndsWhenTheReplacementIsGoneOrTheServingProcessExited() throws Exception {
        registered();
        Greeter old = msg -> "old";
        contract.serve(old, PROVIDER);
        assertEquals(GradualShift.Outcome.ENDED, contract.shiftTo((Greeter) msg -> "new", SHIFT_LIMIT, () -> true));
        contract.pause(old);
        assertEquals(GradualShift.Outcome.ENDED, contract.shiftTo((Greeter) msg -> "new", SHIFT_LIMIT, () -> false));
    }
}
