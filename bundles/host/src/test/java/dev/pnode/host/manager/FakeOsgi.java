package dev.pnode.host.manager;

import dev.pnode.api.PluginInterface;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Just enough of an OSGi framework for the host's tests: one bundle whose context records service registrations
 * (with their properties and whether they were withdrawn) and answers framework properties.
 */
final class FakeOsgi {

    /** One registerService call. */
    static final class Registration {
        final List<String> classes;
        final Object service;
        volatile Dictionary<String, ?> properties;
        volatile boolean unregistered;

        Registration(List<String> classes, Object service, Dictionary<String, ?> properties) {
            this.classes = classes;
            this.service = service;
            this.properties = properties;
        }
    }

    final Map<String, String> properties = new HashMap<>();
    final List<Registration> registrations = new CopyOnWriteArrayList<>();
    final List<Object> listeners = new CopyOnWriteArrayList<>();
    private final Map<Object, Object> services = new ConcurrentHashMap<>();
    final BundleContext context;
    final Bundle bundle;

    FakeOsgi() {
        context = proxy(BundleContext.class, (self, method, args) -> switch (method.getName()) {
            case "registerService" -> register(args[0], args[1], (Dictionary<String, ?>) args[2]);
            case "getProperty" -> properties.get((String) args[0]);
            case "getBundle" -> bundle();
            case "addFrameworkListener", "addServiceListener" -> listeners.add(args[0]);
            case "removeFrameworkListener", "removeServiceListener" -> listeners.remove(args[0]);
            case "createFilter" -> FrameworkUtil.createFilter((String) args[0]);
            case "getService" -> services.get(args[0]);
            case "ungetService" -> true;
            default -> defaultValue(method.getReturnType());
        });
        bundle = proxy(Bundle.class, (self, method, args) -> switch (method.getName()) {
            case "getBundleContext" -> context;
            case "getSymbolicName" -> "test.interface";
            case "getState" -> Bundle.ACTIVE;
            case "toString" -> "test.interface";
            default -> defaultValue(method.getReturnType());
        });
    }

    private Bundle bundle() {
        return bundle;
    }

    /** A service reference from this fake's bundle. */
    <S> ServiceReference<S> reference() {
        return proxy(ServiceReference.class, (self, method, args) -> switch (method.getName()) {
            case "getBundle" -> bundle;
            case "compareTo" -> 0;
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            case "getProperty" -> "objectClass".equals(args[0]) ? new String[] {PluginInterface.class.getName()} : null;
            default -> defaultValue(method.getReturnType());
        });
    }

    /** Registers a service as another bundle would, telling the service listeners (a ServiceTracker). */
    <S> ServiceReference<S> publish(S service) {
        ServiceReference<S> reference = reference();
        services.put(reference, service);
        fire(new ServiceEvent(ServiceEvent.REGISTERED, reference));
        return reference;
    }

    /** Unregisters a service published with {@link #publish}. */
    void withdraw(ServiceReference<?> reference) {
        fire(new ServiceEvent(ServiceEvent.UNREGISTERING, reference));
        services.remove(reference);
    }

    /** Tells the framework listeners that the framework has started. */
    void frameworkStarted() {
        for (Object listener : listeners) {
            if (listener instanceof FrameworkListener frameworkListener) {
                frameworkListener.frameworkEvent(new FrameworkEvent(FrameworkEvent.STARTED, bundle, null));
            }
        }
    }

    private void fire(ServiceEvent event) {
        for (Object listener : listeners) {
            if (listener instanceof ServiceListener serviceListener) {
                serviceListener.serviceChanged(event);
            }
        }
    }

    /** Services registered under {@code type} and not withdrawn, oldest first. */
    <T> List<T> live(Class<T> type) {
        List<T> live = new ArrayList<>();
        for (Registration registration : registrations) {
            if (!registration.unregistered && registration.classes.contains(type.getName())) {
                live.add(type.cast(registration.service));
            }
        }
        return live;
    }

    /** The live contract service of the plugin under {@code interfaceKey}, if one is registered. */
    <T> java.util.Optional<T> liveFor(Class<T> type, String interfaceKey) {
        return registrations.stream().filter(registration -> !registration.unregistered
                && registration.classes.contains(type.getName())
                && interfaceKey.equals(registration.properties.get(dev.pnode.api.PluginServiceProperties.INTERFACE)))
                .map(registration -> type.cast(registration.service)).findFirst();
    }

    List<Registration> registrationsOf(Class<?> type) {
        return registrations.stream().filter(r -> r.classes.contains(type.getName())).toList();
    }

    private ServiceRegistration<?> register(Object classes, Object service, Dictionary<String, ?> props) {
        List<String> names = classes instanceof String[] array ? List.of(array) : List.of((String) classes);
        Registration registration = new Registration(names, service, props);
        registrations.add(registration);
        return proxy(ServiceRegistration.class, (self, method, args) -> {
            switch (method.getName()) {
                case "unregister" -> {
                    if (registration.unregistered) {
                        throw new IllegalStateException("already unregistered");
                    }
                    registration.unregistered = true;
                    return null;
                }
                case "setProperties" -> {
                    registration.properties = (Dictionary<String, ?>) args[0];
                    return null;
                }
                default -> {
                    return defaultValue(method.getReturnType());
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FakeOsgi.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class || type == long.class) {
            return type == int.class ? (Object) 0 : (Object) 0L;
        }
        return null;
    }
}
