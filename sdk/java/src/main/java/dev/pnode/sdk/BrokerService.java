package dev.pnode.sdk;

import dev.pnode.proto.goplugin.ConnInfo;
import dev.pnode.proto.goplugin.GRPCBrokerGrpc;
import io.grpc.stub.StreamObserver;

/**
 * go-plugin's {@code plugin.GRPCBroker}, present because go-plugin hosts open its stream on every connect. This
 * SDK offers no brokered callback connections: a knock for one is acknowledged with an error, as go-plugin
 * reports a knock it cannot accept.
 */
final class BrokerService extends GRPCBrokerGrpc.GRPCBrokerImplBase {

    static final String REFUSAL = "this Java plugin does not support brokered connections";

    @Override
    public StreamObserver<ConnInfo> startStream(StreamObserver<ConnInfo> responseObserver) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ConnInfo info) {
                if (info.hasKnock() && info.getKnock().getKnock() && !info.getKnock().getAck()) {
                    synchronized (responseObserver) {
                        // go-plugin acknowledges every knock and puts a refusal in the error field
                        responseObserver.onNext(info.toBuilder().setKnock(ConnInfo.Knock.newBuilder().setKnock(true)
                                .setAck(true).setError(REFUSAL)).build());
                    }
                }
            }

            @Override
            public void onError(Throwable error) {
                // the host closed the stream; nothing to clean up
            }

            @Override
            public void onCompleted() {
                synchronized (responseObserver) {
                    responseObserver.onCompleted();
                }
            }
        };
    }
}
