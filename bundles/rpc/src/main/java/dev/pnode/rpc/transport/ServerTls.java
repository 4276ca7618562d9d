package dev.pnode.rpc.transport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * What the HTTP endpoint serves HTTPS with.
 *
 * @param context holds the key and certificate chain
 * @param parameters protocols and cipher suites
 */
public record ServerTls(SSLContext context, SSLParameters parameters) {
}
