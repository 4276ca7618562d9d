/**
 * The node's private unix domain sockets (the JSON-RPC IPC endpoint, {@code pnode attach}'s console socket): one
 * listener that owns the socket file. Depends on the JDK alone; bundles whose feature does not include the api
 * bundle embed this package privately (bnd {@code -conditionalpackage}) instead of importing it.
 * Exported by the api bundle's bnd.bnd, not by an {@code @Export} here (see there).
 */
@Version("1.0.0")
package dev.pnode.api.socket;

import org.osgi.annotation.versioning.Version;
