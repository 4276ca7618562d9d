/**
 * HashiCorp go-plugin's wire protocol as both ends speak it: the plugin host ({@code pnode-goplugin}) and the Java
 * plugin SDK ({@code pnode-plugin-sdk}) use these same classes, so the two cannot drift apart.
 *
 * <ul>
 * <li>{@link dev.pnode.wire.HandshakeLine}: the {@code CORE|APP|NETWORK|ADDR|PROTOCOL|CERT} line a plugin prints,
 * parsed leniently as real plugins print it, and printed exactly as go-plugin does;</li>
 * <li>{@link dev.pnode.wire.EphemeralCertificate}: the self-signed ECDSA (P-256) AutoMTLS identity from
 * go-plugin's template, and the PEM/base64 forms the protocol carries;</li>
 * <li>{@link dev.pnode.wire.AutoMtls}: the TLS contexts, client and server role;</li>
 * <li>{@link dev.pnode.wire.AutoMtlsKeys}: the same identities as JDK key and trust managers, for TLS stacks other
 * than netty's;</li>
 * <li>{@link dev.pnode.wire.AutoMtlsChannels}: the client's channel builder, set up from a handshake line.</li>
 * </ul>
 *
 * <p>A plain jar as well as an OSGi bundle: the SDK shades it into plugins.
 */
@Export
@Version("1.3.0")
package dev.pnode.wire;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
