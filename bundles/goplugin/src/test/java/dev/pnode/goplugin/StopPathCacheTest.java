package dev.pnode.goplugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import dev.pnode.proto.goplugin.GRPCControllerGrpc;
import io.grpc.InternalKnownTransport;
import io.grpc.InternalMethodDescriptor;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * A host that readies plugin starts has the path of {@code GRPCController/Shutdown} in grpc-netty's method cache before
 * its first plugin stop, as netty itself would have put it there at the first call ({@link StopPathCache}). Checked
 * in a class loader of its own: the Shutdown descriptor is a static of the generated stub, which other tests' plugin
 * stops fill.
 */
public class StopPathCacheTest {

    private static final InternalMethodDescriptor NETTY = new InternalMethodDescriptor(
            InternalKnownTransport.NETTY_SHADED);

    @Test
    public void preparingStartsCachesTheShutdownPathAsNettyWould() throws Exception {
        try (Isolating loader = new Isolating(GRPCControllerGrpc.class, StopPathCache.class)) {
            Class<?> stub = Class.forName(GRPCControllerGrpc.class.getName(), true, loader);
            MethodDescriptor<?, ?> shutdown = (MethodDescriptor<?, ?>) stub.getMethod("getShutdownMethod").invoke(null);
            assertNull("a fresh descriptor has no cached path", NETTY.geRawMethodName(shutdown));

            Class.forName(PluginProcess.class.getName(), true, loader).getMethod("prepareStart").invoke(null);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // filled on a thread of its own
            while (NETTY.geRawMethodName(shutdown) == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(new AsciiString("/plugin.GRPCController/Shutdown"), NETTY.geRawMethodName(shutdown));
        }
    }

    /** Loads the generated stubs' and this package's classes itself (child first), everything else from the parent. */
    private static final class Isolating extends URLClassLoader {

        private static final String STUBS = GRPCControllerGrpc.class.getPackageName() + ".";
        private static final String GOPLUGIN = StopPathCache.class.getPackageName() + ".";

        Isolating(Class<?> stubs, Class<?> goplugin) {
            super(new URL[] {location(stubs), location(goplugin)}, StopPathCacheTest.class.getClassLoader());
        }

        private static URL location(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(STUBS) && !name.startsWith(GOPLUGIN)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> found = findLoadedClass(name);
                return found != null ? found : findClass(name);
            }
        }
    }
}
