/**
 * The callback plugin interface, pnode's example of go-plugin's {@code GRPCBroker}: the
 * {@link dev.pnode.example.callback.CallbackGreeter} contract that a plugin serving {@code callback.Greeter} offers
 * to the node as an OSGi service, answering with a value it fetches from the host over a brokered connection.
 */
@Export
@Version("1.0.0")
package dev.pnode.example.callback;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
