package dev.pnode.rpc.internal;

import dev.pnode.api.node.StartLevels;
import java.util.concurrent.CompletableFuture;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * The framework's HTTP stack (SPI Fly, SLF4J, Felix HTTP Jetty 12, WebSocket: start levels
 * {@link StartLevels#HTTP_STACK_FIRST} to {@link StartLevels#HTTP_STACK}): says when it has started, and starts it on
 * a running node whose boot did not need it. The web endpoints load Jetty's classes only after that, because SPI Fly
 * weaves them as they are loaded.
 */
final class HttpStack implements FrameworkListener {

    private final BundleContext context;
    private final FrameworkStartLevel framework;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    HttpStack(BundleContext context) {
        this.context = context;
        this.framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class);
        context.addFrameworkListener(this);
        checkStarted();
    }

    /** Completes once the framework has reached the stack's level: raised by the launcher at boot, or by {@link #start}. */
    CompletableFuture<Void> started() {
        return started;
    }

    /**
     * Raises the framework to the stack's level if it is below (never lowers it: a test container may run higher).
     * The framework starts the stack's bundles in their order on its own thread; {@link #started} completes then.
     */
    void start() {
        if (framework.getStartLevel() < StartLevels.HTTP_STACK) {
            framework.setStartLevel(StartLevels.HTTP_STACK);
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.STARTED) {
            checkStarted();
        }
    }

    private void checkStarted() {
        if (framework.getStartLevel() >= StartLevels.HTTP_STACK) {
            started.complete(null);
        }
    }

    void close() {
        context.removeFrameworkListener(this);
        started.cancel(false);
    }
}
