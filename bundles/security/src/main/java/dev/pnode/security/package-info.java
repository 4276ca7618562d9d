/**
 * The security plugin interface: {@link dev.pnode.security.TlsConfigurationSource} and
 * {@link dev.pnode.security.AuthenticationManager}, Quorum's {@code proto.TLSConfigurationSource} and
 * {@code proto.AuthenticationManager}, offered together as one {@link dev.pnode.security.SecurityPlugin} service
 * while a plugin configured under the key {@code security} runs.
 */
@Export
@Version("1.1.0")
package dev.pnode.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
