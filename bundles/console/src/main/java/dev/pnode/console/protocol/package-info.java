/**
 * The wire protocol of {@code pnode attach}: framed messages over the node's console socket
 * ({@link dev.pnode.console.protocol.ConsoleSocket}), shared by the node's side (this bundle) and the client (the
 * launcher, which has this jar on its class path).
 */
@Export
@Version("1.0.0")
package dev.pnode.console.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
