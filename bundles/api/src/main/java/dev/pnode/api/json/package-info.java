/**
 * JSON errors told to people: what the host (settings, plugin-meta.json), the plugin central, the JSON-RPC endpoints
 * and the launcher's {@code pnode rpc} say when gson cannot read a document.
 */
@Version("1.0.0")
@Export
package dev.pnode.api.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
