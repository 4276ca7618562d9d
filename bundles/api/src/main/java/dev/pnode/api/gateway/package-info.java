/**
 * What every plugin interface's gateway does the same way: initialise a freshly started plugin with Quorum's
 * {@code proto_common.PluginInitializer/Init}, and turn failed gRPC calls into messages an operator can act on.
 */
@Version("1.0.0")
@Export
package dev.pnode.api.gateway;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
