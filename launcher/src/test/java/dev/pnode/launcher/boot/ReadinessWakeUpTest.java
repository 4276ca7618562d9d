package dev.pnode.launcher.boot;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * The boot hears at once that the plugin host became ready, although the host registers its readiness under
 * pnode-api types the launcher has its own copy of: the framework tells a plain {@link ServiceListener} only of
 * services whose types it shares with the listener's bundle, an {@link AllServiceListener} of all (OSGi core,
 * ServiceEvent delivery). The context here follows that rule; the recheck interval is an hour, so only the event
 * can end the wait.
 */
public class ReadinessWakeUpTest {

    private volatile String state = Readiness.STARTING;
    private final List<ServiceListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);

    @Test
    public void aServiceOfTypesTheLauncherDoesNotShareWakesTheBootWhenItBecomesReady() throws Exception {
        BundleContext context = context();
        CountDownLatch returned = new CountDownLatch(1);
        Thread boot = new Thread(() -> {
            try {
                Readiness.await(context, Duration.ofHours(2), TimeUnit.HOURS.toMillis(1));
                returned.countDown();
            } catch (BootException | InterruptedException e) {
                // not returned
            }
        });
        boot.setDaemon(true);
        boot.start();
        assertTrue("the boot never listened for changes", listening.await(60, TimeUnit.SECONDS));
        assertFalse("the boot did not wait while the service said starting", returned.await(50, TimeUnit.MILLISECONDS));
        state = "ready";
        ServiceEvent modified = new ServiceEvent(ServiceEvent.MODIFIED, reference());
        // the framework's rule for services whose types the listener's bundle does not share
        listeners.stream().filter(AllServiceListener.class::isInstance).forEach(l -> l.serviceChanged(modified));
        assertTrue("the boot did not notice the service became ready", returned.await(60, TimeUnit.SECONDS));
        boot.interrupt();
    }

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "addServiceListener" -> {
                        listeners.add((ServiceListener) arguments[0]);
                        listening.countDown();
                        yield null;
                    }
                    case "removeServiceListener" -> {
                        listeners.remove(arguments[0]);
                        yield null;
                    }
                    case "getAllServiceReferences" -> new ServiceReference<?>[] {reference()};
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ServiceReference<?> reference() {
        return (ServiceReference<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getProperty" -> Readiness.PROPERTY.equals(arguments[0]) ? state
                            : Readiness.MESSAGE.equals(arguments[0]) ? "plugins starting"
                            : new String[] {"dev.pnode.api.PluginRegistry"};
                    case "getBundle" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
