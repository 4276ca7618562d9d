/**
 * A go-plugin client in Java: starts a plugin executable, reads its handshake line, connects over a unix
 * socket or TCP with AutoMTLS, health-checks it and stops it gracefully. Modelled on HashiCorp go-plugin's
 * {@code client.go}: one object owns one process's lifecycle.
 */
@Version("1.0.0")
@Export
package dev.pnode.goplugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
