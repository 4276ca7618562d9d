/**
 * The node's JSON-RPC transports: the IPC socket here; the web endpoints' settings and the {@link
 * dev.pnode.rpc.transport.WebEndpointFactory} they are made by, which pnode-rpc-http implements on Jetty.
 */
@Version("1.0.0")
@Export
package dev.pnode.rpc.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
