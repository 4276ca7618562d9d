/**
 * The kvstore plugin interface: the {@link dev.pnode.example.kvstore.KeyValueStore} contract that a plugin serving
 * {@code kvstore.KeyValueStore} offers to the node as an OSGi service.
 */
@Export
@Version("1.0.0")
package dev.pnode.example.kvstore;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
