package dev.pnode.itest.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.pnode.api.PluginServiceProperties;
import dev.pnode.example.kvstore.KeyValueStore;
import dev.pnode.example.kvstore.KeyValueStoreException;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** Uses the kvstore contract service; loaded only after the kvstore interface bundle has been deployed. */
final class KeyValueStoreUse {

    private KeyValueStoreUse() {
    }

    /** Waits for the service, then stores, reads and lists through the plugin process (prefix {@code node/}). */
    static void putGetAndList(BundleContext context, Map<String, String> reloadOutcome) throws InterruptedException {
        ServiceTracker<KeyValueStore, KeyValueStore> tracker = new ServiceTracker<>(context, KeyValueStore.class, null);
        tracker.open();
        try {
            KeyValueStore store = tracker.waitForService(60_000);
            assertNotNull("KeyValueStore service registered after reloadAll() said " + reloadOutcome, store);
            ServiceReference<KeyValueStore> reference = tracker.getServiceReference();
            assertEquals("kvstore", reference.getProperty(PluginServiceProperties.INTERFACE));
            assertEquals(KeyValueStore.class.getName(), reference.getProperty(PluginServiceProperties.CONTRACT));

            store.put("node/greeting", "hello");
            store.put("node/answer", "42");
            assertEquals("hello", store.get("node/greeting"));
            assertNull(store.get("node/nothing"));
            assertEquals(List.of("node/answer", "node/greeting"), store.keys());
            KeyValueStoreException refused = assertThrows(KeyValueStoreException.class,
                    () -> store.put("elsewhere", "x"));
            assertEquals("plugin kvstore: put failed: INVALID_ARGUMENT: key \"elsewhere\" is outside the prefix"
                    + " \"node/\"", refused.getMessage());
        } finally {
            tracker.close();
        }
    }
}
