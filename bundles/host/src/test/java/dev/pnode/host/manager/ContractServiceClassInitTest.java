package dev.pnode.host.manager;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;

import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.Test;

/**
 * {@link ContractService} initializes {@link GradualShift} with itself: C2 compiles the callers' path while no shift
 * has run, and a GradualShift not loaded or not initialized then made the first reload's shift deoptimize every
 * caller's compiled path (BENCHMARKS.md, "Reload, where the last slow calls are", session 16). Checked in a class
 * loader of its own, where no other test has touched either class.
 */
public class ContractServiceClassInitTest {

    private static final String PACKAGE = ContractService.class.getPackageName() + ".";

    @Test
    public void initializingTheContractServiceInitializesTheShift() throws Exception {
        URL classes = ContractService.class.getProtectionDomain().getCodeSource().getLocation();
        try (Isolating loader = new Isolating(classes, getClass().getClassLoader())) {
            Class.forName(ContractService.class.getName(), true, loader);
            Class<?> shift = loader.loaded(GradualShift.class.getName());
            assertNotNull("GradualShift not even loaded", shift);
            assertFalse("GradualShift loaded but not initialized", shouldBeInitialized(shift));
        }
    }

    /** Whether the class still has to run its initializer (sun.misc.Unsafe: no public API answers without running it). */
    private static boolean shouldBeInitialized(Class<?> type) throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field field = unsafeClass.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        return (boolean) unsafeClass.getMethod("shouldBeInitialized", Class.class).invoke(field.get(null), type);
    }

    /** Loads this package's classes itself (child first), everything else from the parent. */
    private static final class Isolating extends URLClassLoader {

        Isolating(URL classes, ClassLoader parent) {
            super(new URL[] {classes}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> found = findLoadedClass(name);
                return found != null ? found : findClass(name);
            }
        }

        Class<?> loaded(String name) {
            return findLoadedClass(name);
        }
    }
}
