/**
 * The helloworld plugin interface: the {@link dev.pnode.helloworld.HelloWorld} contract that a plugin serving
 * Quorum's {@code proto.PluginGreeting} offers to the node as an OSGi service.
 */
@Export
@Version("1.1.0")
package dev.pnode.helloworld;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
