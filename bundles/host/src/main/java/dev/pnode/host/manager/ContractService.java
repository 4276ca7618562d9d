package dev.pnode.host.manager;

import dev.pnode.api.PluginServiceProperties;
import dev.pnode.host.settings.ProviderSettings;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The contract service of one plugin under one interface revision, registered without a gap through restarts and
 * reloads (a new process gets a fresh registration before the old one is withdrawn). Every registration's service
 * object (a {@link Proxy} of the contract) hands every call to the gateway of the process serving now, so a consumer
 * holding an older one carries on too. While no process serves because the plugin is starting or restarting, a call
 * waits for one, at most the call timeout (then it fails with the contract's own exception through the last
 * gateway, or with an {@link IllegalStateException} if no process ever served). A contract method that answers with a
 * {@link CompletionStage} (e.g. {@code greetingAsync}) waits the same way without holding its caller: it returns at
 * once and goes on when a process serves. It is registered from the plugin's
 * first start and withdrawn when the plugin is stopped or given up on, so then calls fail at once and JSON-RPC says
 * why.
 *
 * <p>Registering a service tells consumers synchronously, and some call the plugin from their bind method (pnode-rpc
 * loads the security plugin's certificate). Registered from the plugin's own thread before its process serves, such
 * a call would wait for the very thread that is to start the process. So the registration at a start ({@link #open})
 * happens on a thread of its own, and {@link #serve} sets the new gateway (releasing waiting calls) before it
 * registers the service afresh for the new process. {@link #open}, {@link #serve} and {@link #withdraw} run on the
 * plugin's own thread; {@link #pause} may run anywhere (a process's exit pauses it from the thread that saw it).
 */
final class ContractService implements InvocationHandler {

    private static final System.Logger LOG = System.getLogger(ContractService.class.getName());

    static {
        // Initialized with this class, long before a reload: C2 compiles the callers' path through route() while no
        // shift has run, and with GradualShift not loaded it models `shift` as always null (not initialized: it cannot
        // call its methods); the first reload's shift then deoptimized every caller's compiled path at once, each
        // falling back to the interpreter while the old process still served them (BENCHMARKS.md, "Reload, where the
        // last slow calls are", session 16)
        try {
            MethodHandles.lookup().ensureInitialized(GradualShift.class);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String key;
    private final InterfaceBinding binding;
    private final Duration waitLimit;
    /** Held while the registration changes; never while waiting for a gateway. */
    private final Object registrationLock = new Object();
    // guarded by registrationLock
    private ServiceRegistration<?> registration;
    private volatile Hashtable<String, Object> properties;
    /** A reload's replacement taking its first calls beside the serving process; null at other times. */
    private volatile GradualShift shift;

    /**
     * The gateway calls go to; null while no process serves. Written only under this object's lock (with
     * {@link #notifyAll}); volatile so that a call finds it without taking the lock, which every call through the
     * contract did while a process served.
     */
    private volatile Object serving;
    // guarded by this
    private Object lastServed;
    private boolean withdrawn;
    /** Completed when a process serves again; null while one serves or no asynchronous call waits. */
    private CompletableFuture<Object> nextGateway;

    ContractService(InterfaceBinding binding, Duration waitLimit) {
        this.key = binding.key();
        this.binding = binding;
        this.waitLimit = waitLimit;
    }

    /**
     * A start begins: the service is registered (on a thread of its own, see above) unless it is, and calls made
     * through it wait until {@link #serve}.
     */
    void open(ProviderSettings provider) {
        synchronized (this) {
            withdrawn = false;
        }
        properties = properties(provider);
        Thread registering = new Thread(() -> {
            synchronized (registrationLock) {
                if (registration == null && !isWithdrawn()) {
                    registration = registerNow();
                }
            }
        }, "pnode-plugin-" + key + "-register");
        registering.setDaemon(true);
        registering.start();
    }

    /**
     * From now on calls go to this gateway (a started, reloaded or rebound process) and waiting calls go on; then the
     * service is registered afresh for this process and the previous registration withdrawn (make before
     * break), so that consumers that read something from a plugin when its service arrives (e.g. JSON-RPC's HTTPS
     * endpoint, the security plugin's TLS certificate) read it from this process. Calls through a reference to
     * either registration carry on.
     *
     * @throws IllegalStateException when the interface bundle is not active
     */
    void serve(Object gateway, ProviderSettings provider) {
        synchronized (this) {
            withdrawn = false;
            serving = gateway;
            lastServed = gateway;
            notifyAll();
        }
        releaseAsyncWaiters(gateway);
        properties = properties(provider);
        synchronized (registrationLock) {
            ServiceRegistration<?> old = registration;
            registration = registerNow();
            if (old != null) {
                unregister(old);
            }
        }
    }

    private ServiceRegistration<?> registerNow() {
        BundleContext context = binding.bundleContext();
        if (context == null) {
            throw new IllegalStateException("interface bundle " + binding.bundleName() + " is not active");
        }
        try {
            // a service object of its own per registration: consumers tell a departing registration from the new
            // one by the object they were given (pnode-rpc drops its security plugin when that object departs)
            Class<?> contract = binding.service().contract();
            Object service = Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, this);
            return context.registerService(contract.getName(), service, properties);
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "plugin {0}: registering its contract service failed: {1}", key, e);
            throw e;
        }
    }

    private Hashtable<String, Object> properties(ProviderSettings provider) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(PluginServiceProperties.INTERFACE, provider.interfaceKey());
        properties.put(PluginServiceProperties.CONTRACT, binding.service().contract().getName());
        properties.put(PluginServiceProperties.NAME, provider.name());
        properties.put(PluginServiceProperties.VERSION, provider.version());
        return properties;
    }

    /**
     * A reload's replacement takes a growing share of the calls beside the process serving now, until it served all
     * of them about as fast ({@link GradualShift}) or {@code limit} passed; then {@link #serve} hands it every call.
     * Returns when the shift ended, also when the serving process went away or {@code replacementGone} says the
     * replacement did ({@code replacementGone} is asked on every call during the shift, so it must be cheap).
     */
    GradualShift.Outcome shiftTo(Object replacementGateway, Duration limit, BooleanSupplier replacementGone)
            throws InterruptedException {
        Object from;
        synchronized (this) {
            from = serving;
        }
        if (from == null) {
            return GradualShift.Outcome.ENDED;
        }
        GradualShift started = new GradualShift(replacementGateway, limit, replacementGone);
        shift = started;
        try {
            GradualShift.Outcome outcome = started.await(() -> replacementGone.getAsBoolean() || !isServing(from));
            LOG.log(System.Logger.Level.INFO, "plugin {0}: its replacement took {1} calls beside the running process"
                    + " before taking all ({2}, its share had reached {3} %)", key,
                    String.valueOf(started.replacementCallsSoFar()), outcome, String.valueOf(Math.round(100
                    * started.share())));
            return outcome;
        } finally {
            shift = null;
        }
    }

    private synchronized boolean isServing(Object gateway) {
        return serving == gateway;
    }

    /** The process behind {@code gateway} is gone: calls wait for the next one (if it is still the one serving). */
    synchronized void pause(Object gateway) {
        if (serving == gateway) {
            serving = null;
        }
    }

    /** Unregisters the service; calls through references kept by consumers fail at once. Safe to call twice. */
    void withdraw() {
        synchronized (this) {
            serving = null;
            withdrawn = true;
            notifyAll();
        }
        releaseAsyncWaiters(null);
        synchronized (registrationLock) {
            if (registration != null) {
                unregister(registration);
                registration = null;
            }
        }
    }

    private synchronized boolean isWithdrawn() {
        return withdrawn;
    }

    private static void unregister(ServiceRegistration<?> gone) {
        try {
            gone.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the interface bundle stopped first and the framework unregistered it
        }
    }

    @Override
    public Object invoke(Object self, Method method, Object[] arguments) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> self == arguments[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "plugin " + key + " contract " + binding.service().contract().getName();
            };
        }
        if (CompletionStage.class.isAssignableFrom(method.getReturnType())) {
            return invokeAsync(method, arguments);
        }
        Object gateway = serving;
        return route(gateway != null ? gateway : awaitGateway(), method, arguments);
    }

    /**
     * A method answering with a {@link CompletionStage} never holds its caller: while no process serves, the call
     * waits for the next one (at most the call timeout, then as {@link #awaitGateway}) without a thread.
     */
    private CompletionStage<?> invokeAsync(Method method, Object[] arguments) throws Throwable {
        Object gateway = serving;
        if (gateway != null) {
            return (CompletionStage<?>) route(gateway, method, arguments);
        }
        CompletableFuture<Object> next = null;
        synchronized (this) {
            if (serving != null || withdrawn) {
                gateway = gatewayAfterWaiting();
            } else {
                if (nextGateway == null) {
                    nextGateway = new CompletableFuture<>();
                }
                next = nextGateway;
            }
        }
        if (next == null) {
            return (CompletionStage<?>) route(gateway, method, arguments);
        }
        return next.copy().completeOnTimeout(null, waitLimit.toNanos(), TimeUnit.NANOSECONDS)
                .thenCompose(released -> {
                    try {
                        return (CompletionStage<?>) route(released != null ? released : gatewayAfterWaiting(), method,
                                arguments);
                    } catch (Throwable failure) {
                        throw failure instanceof CompletionException done ? done : new CompletionException(failure);
                    }
                });
    }

    /** Calls {@code gateway}, or the replacement during a shift, which learns how long its calls take. */
    private Object route(Object gateway, Method method, Object[] arguments) throws Throwable {
        GradualShift shifting = shift;
        if (shifting == null) {
            return call(gateway, method, arguments);
        }
        long began = System.nanoTime();
        boolean toReplacement = shifting.takeReplacement();
        Object answer;
        try {
            answer = call(toReplacement ? shifting.replacement() : gateway, method, arguments);
        } catch (Throwable failure) {
            took(shifting, toReplacement, began);
            throw failure;
        }
        if (answer instanceof CompletionStage<?> pending) {
            // timed when it answers, not when it was sent
            return pending.whenComplete((result, failure) -> took(shifting, toReplacement, began));
        }
        took(shifting, toReplacement, began);
        return answer;
    }

    /**
     * A plain method, not a lambda made per call: an invokedynamic the callers' compiled path has never linked
     * deoptimizes that whole path the first time a shift reaches it, as an unloaded class does (see above).
     */
    private static void took(GradualShift shifting, boolean toReplacement, long began) {
        long nanos = System.nanoTime() - began;
        if (toReplacement) {
            shifting.replacementCallTook(nanos);
        } else {
            shifting.servingCallTook(nanos);
        }
    }

    private static Object call(Object gateway, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(gateway, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private synchronized Object awaitGateway() throws InterruptedException {
        long deadline = System.nanoTime() + waitLimit.toNanos();
        while (serving == null && !withdrawn) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return gatewayAfterWaiting();
    }

    private synchronized Object gatewayAfterWaiting() {
        if (serving != null) {
            return serving;
        }
        if (lastServed != null) {
            return lastServed; // its closed channel fails the call with the contract's own exception
        }
        throw new IllegalStateException("plugin " + key + " is not serving: " + (withdrawn ? "it is stopped"
                : "it did not finish starting within the call timeout of " + waitLimit.toMillis() + " ms"));
    }

    /** Lets the asynchronous calls waiting for a gateway go on (with null: as the waiting ones would). */
    private void releaseAsyncWaiters(Object gateway) {
        CompletableFuture<Object> waiting;
        synchronized (this) {
            waiting = nextGateway;
            nextGateway = null;
        }
        if (waiting != null) {
            waiting.complete(gateway);
        }
    }
}
