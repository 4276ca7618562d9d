/**
 * A go-plugin client in Java: starts a plugin executable, reads its handshake line, connects over a unix
 * socket or TCP with AutoMTLS, health-checks it and stops it gracefully. Modelled on HashiCorp go-plugin's
 * {@code client.go}: one object owns one process's lifecycle.
 *
 * <p>Typical use by a host:
 * <pre>{@code
 * OrphanReaper.reap(runDirectory);                    // once, before starting plugins
 * PluginProcess plugin = PluginProcess.create(spec);
 * plugin.start();                                     // throws PluginStartException naming the plugin and why
 * ManagedChannel channel = plugin.channel();
 * plugin.exited().thenAccept(reason -> ...);          // "exited with status 2", "killed by host"
 * GrpcBroker broker = plugin.broker();                // go-plugin's GRPCBroker: callbacks, extra connections
 * ...
 * plugin.kill();                                      // also after exited() completed: releases the channel
 * }</pre>
 *
 * <p>Facts a plugin (or a plugin SDK) may rely on: its environment holds only PATH, HOME, USER, LANG, LC_*, TZ,
 * TMPDIR and JAVA_HOME from the host, the caller's extra variables, then go-plugin's variables (magic cookie,
 * PLUGIN_PROTOCOL_VERSIONS, PLUGIN_MIN_PORT/MAX_PORT, PLUGIN_CLIENT_CERT, PLUGIN_UNIX_SOCKET_DIR), which the extra
 * variables cannot override. Its stdin stays open until the host stops it or dies, so end of stdin means the host
 * is gone. The first stdout line containing {@code |} must be the handshake line; plain lines before it are
 * logged. Output is logged as {@code pnode.plugin.<label>} (hclog JSON levels honoured), rate-limited, and the
 * latest 500 lines are kept for {@link dev.pnode.goplugin.PluginProcess#recentOutput(int)}.
 */
@Version("3.2.0")
@Export
package dev.pnode.goplugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
