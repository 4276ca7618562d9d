package dev.pnode.rpc.internal;

import dev.pnode.api.node.StartLevels;
import dev.pnode.rpc.transport.WebEndpointFactory;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The framework's HTTP stack (SPI Fly, SLF4J, Felix HTTP Jetty 12, WebSocket and pnode-rpc-http: start levels
 * {@link StartLevels#HTTP_STACK_FIRST} to {@link StartLevels#HTTP_STACK}): says when its {@link WebEndpointFactory}
 * serves, and installs and starts the stack on a running node whose boot did not need it. The web endpoints live in
 * pnode-rpc-http, so this bundle loads no Jetty class at all.
 */
final class HttpStack {

    private final BundleContext context;
    private final FrameworkStartLevel framework;
    private final CompletableFuture<WebEndpointFactory> started = new CompletableFuture<>();
    private final ServiceTracker<WebEndpointFactory, WebEndpointFactory> factory;

    HttpStack(BundleContext context) {
        this.context = context;
        this.framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class);
        this.factory = new ServiceTracker<>(context, WebEndpointFactory.class, null) {
            @Override
            public WebEndpointFactory addingService(ServiceReference<WebEndpointFactory> reference) {
                WebEndpointFactory service = super.addingService(reference);
                started.complete(service);
                return service;
            }
        };
        factory.open();
    }

    /**
     * Completes once pnode-rpc-http serves: started by the launcher at boot, or by {@link #start}. The factory stays
     * valid for the node's life: the stack's bundles are not stopped on a running node.
     */
    CompletableFuture<WebEndpointFactory> started() {
        return started;
    }

    /**
     * Installs the stack's bundles if the boot left them out (the launcher's {@link StartLevels#HTTP_STACK_INSTALLER})
     * and raises the framework to the stack's level if it is below (never lowers it: a test container may run higher).
     * The framework starts the stack's bundles in their order on its own thread; {@link #started} completes then.
     *
     * @throws IllegalStateException why the stack's bundles cannot be installed
     */
    void start() {
        installStack();
        if (framework.getStartLevel() < StartLevels.HTTP_STACK) {
            framework.setStartLevel(StartLevels.HTTP_STACK);
        }
    }

    /**
     * Runs the launcher's installer, if there is one: none where the stack is installed from the start (a test
     * container) or the boot installed it. The service is released again: it is used once per start.
     */
    private void installStack() {
        Collection<ServiceReference<Runnable>> references;
        try {
            references = context.getServiceReferences(Runnable.class,
                    "(" + StartLevels.HTTP_STACK_INSTALLER + "=true)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<Runnable> reference : references) {
            Runnable installer = context.getService(reference);
            if (installer != null) {
                try {
                    installer.run();
                } finally {
                    context.ungetService(reference);
                }
                return;
            }
        }
    }

    void close() {
        factory.close();
        started.cancel(false);
    }
}
