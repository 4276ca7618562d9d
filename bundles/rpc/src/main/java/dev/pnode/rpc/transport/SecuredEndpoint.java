package dev.pnode.rpc.transport;

import java.io.IOException;
import java.util.Optional;

/** A web endpoint that serves plain HTTP or TLS with the security plugin's material (HTTP, WebSocket). */
public interface SecuredEndpoint extends AutoCloseable {

    /** Listens: TLS with {@code tls} when given, plain otherwise. */
    void start(Optional<ServerTls> tls) throws IOException;

    /** Serves other TLS material: swapped in place from TLS to TLS, the port bound again to or from plain. */
    void rebind(Optional<ServerTls> tls) throws IOException;

    /** E.g. {@code https://127.0.0.1:8545/}. */
    String url();

    /** The port actually bound (useful when 0 was asked for). */
    int port();

    @Override
    void close();
}
