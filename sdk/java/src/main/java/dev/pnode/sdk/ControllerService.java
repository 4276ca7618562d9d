package dev.pnode.sdk;

import dev.pnode.proto.goplugin.Empty;
import dev.pnode.proto.goplugin.GRPCControllerGrpc;
import io.grpc.stub.StreamObserver;

/**
 * go-plugin's {@code plugin.GRPCController}: the host asks the plugin to stop. Unlike go-plugin, which stops
 * its server before answering (so hosts see UNAVAILABLE), this replies first and then stops gracefully.
 */
final class ControllerService extends GRPCControllerGrpc.GRPCControllerImplBase {

    private final Runnable shutdown;

    /** @param shutdown started on its own thread once the reply is sent */
    ControllerService(Runnable shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public void shutdown(Empty request, StreamObserver<Empty> responseObserver) {
        responseObserver.onNext(Empty.getDefaultInstance());
        responseObserver.onCompleted();
        Thread stopper = new Thread(shutdown, "pnode-plugin-shutdown");
        stopper.setDaemon(true);
        stopper.start();
    }
}
