package dev.pnode.example.kvstore;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A string key/value store kept by a plugin process: the contract of the kvstore plugin interface, registered as an
 * OSGi service while a kvstore plugin runs (service property {@code pnode.plugin.interface=kvstore}).
 *
 * <p>Every method throws {@link KeyValueStoreException} when the plugin cannot be reached, times out or refuses.
 */
@ProviderType
public interface KeyValueStore {

    /** The value stored under {@code key}, or null when there is none. */
    String get(String key);

    /** Stores {@code value} under {@code key}, replacing what was there. */
    void put(String key, String value);

    /** Every stored key, sorted. */
    List<String> keys();
}
