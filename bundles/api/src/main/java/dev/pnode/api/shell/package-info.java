/**
 * What the node's shell commands share: their text tables. Depends on the JDK alone; bundles whose feature does not
 * include the api bundle (bundle:*, in pnode-deploy) embed this package privately (bnd {@code -conditionalpackage}).
 * Exported by the api bundle's bnd.bnd, not by an {@code @Export} here (see there).
 */
@Version("1.0.0")
package dev.pnode.api.shell;

import org.osgi.annotation.versioning.Version;
