/** JSON-RPC 2.0 requests read and answered, for every transport (pnode-rpc-http's web endpoints too). */
@Version("1.0.0")
@Export
package dev.pnode.rpc.jsonrpc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
