/**
 * Plugin central client: downloads a plugin zip that is missing from the plugin base directory, verifies
 * it (SHA-256 of the zip, armored detached OpenPGP signature over the lowercase hex digest, plugin-meta.json
 * name and version) and only then moves it into place atomically.
 *
 * <p>Entry points: {@link dev.pnode.central.PluginCentral#install} before a plugin is first started, and
 * {@link dev.pnode.central.PluginCentral#verifyRecordedDigest} before every start, so that a zip swapped
 * after installation is refused. Settings map onto {@link dev.pnode.central.CentralConfig}.
 */
@Export
@Version("3.0.0")
package dev.pnode.central;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
