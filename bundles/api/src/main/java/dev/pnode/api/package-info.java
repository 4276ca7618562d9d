/**
 * What the plugin host and the plugin interface bundles share.
 *
 * <p>An interface bundle registers a {@link dev.pnode.api.PluginInterface} (whiteboard pattern); the host
 * starts the plugin process the settings name under that interface's key, hands the interface a
 * {@link dev.pnode.api.PluginConnection}, and registers what it returns as an ordinary OSGi service under
 * the interface's contract, with the {@link dev.pnode.api.PluginServiceProperties} set.
 *
 * <p>1.3: {@link dev.pnode.api.PluginConnection#broker()} with {@link dev.pnode.api.GrpcBroker} and
 * {@link dev.pnode.api.BrokerException} (before in {@code dev.pnode.goplugin}, reached by a cast to its
 * {@code BrokeredConnection}).
 *
 * <p>1.4: {@link dev.pnode.api.PluginProcessVariables}; 1.5: its {@code CACHE_DIR}, before the host's own constant.
 */
@Export
@Version("1.5.0")
package dev.pnode.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
