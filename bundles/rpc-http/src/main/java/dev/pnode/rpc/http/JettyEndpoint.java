package dev.pnode.rpc.http;

import dev.pnode.rpc.transport.SecuredEndpoint;
import dev.pnode.rpc.transport.ServerTls;
import java.io.IOException;
import java.util.Optional;

/** A web endpoint served by its own {@link ListeningServer}; subclasses say what it serves. */
abstract class JettyEndpoint implements SecuredEndpoint {

    private final ListeningServer server;

    JettyEndpoint(ListeningServer server) {
        this.server = server;
    }

    @Override
    public final void start(Optional<ServerTls> tls) throws IOException {
        server.start(tls);
    }

    @Override
    public final void rebind(Optional<ServerTls> tls) throws IOException {
        server.rebind(tls);
    }

    @Override
    public String url() {
        return server.url();
    }

    @Override
    public final int port() {
        return server.port();
    }

    @Override
    public final void close() {
        server.close();
    }
}
