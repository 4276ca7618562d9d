/**
 * Write a plugin in Java that any go-plugin host (pnode, Quorum, Go programs using hashicorp/go-plugin) can run:
 * {@link dev.pnode.sdk.GoPluginServer} serves the go-plugin protocol around the plugin's own gRPC services.
 *
 * <p>A plain library (no OSGi metadata): plugins are separate processes and shade it into one runnable jar.
 */
package dev.pnode.sdk;
