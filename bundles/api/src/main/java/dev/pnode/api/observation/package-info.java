/**
 * Whiteboard services that are told what the node does, for metrics and the like: register a
 * {@link dev.pnode.api.observation.PluginObserver} or {@link dev.pnode.api.observation.RpcObserver}; the plugin host
 * and the JSON-RPC endpoints call every one registered, on their own threads, through
 * {@link dev.pnode.api.observation.Observers}.
 */
@Export
@Version("1.0.0")
package dev.pnode.api.observation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
