package dev.pnode.sdk;

import dev.pnode.proto.goplugin.ConnInfo;
import dev.pnode.proto.goplugin.GRPCBrokerGrpc;
import io.grpc.stub.StreamObserver;

/**
 * go-plugin's {@code plugin.GRPCBroker}, present because go-plugin hosts open its stream on every connect. This
 * SDK offers no brokered callback connections: requests for one are answered with a knock error.
 */
final class BrokerService extends GRPCBrokerGrpc.GRPCBrokerImplBase {

    @Override
    public StreamObserver<ConnInfo> startStream(StreamObserver<ConnInfo> responseObserver) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ConnInfo info) {
                if (info.hasKnock() && info.getKnock().getKnock() && !info.getKnock().getAck()) {
                    synchronized (responseObserver) {
                        responseObserver.onNext(info.toBuilder().setKnock(ConnInfo.Knock.newBuilder().setAck(false)
                                .setError("this Java plugin does not support brokered connections")).build());
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
