package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pnode.proto.goplugin.ConnInfo;
import dev.pnode.proto.goplugin.GRPCBrokerGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** go-plugin hosts open the broker stream on every connect; this SDK keeps it open and refuses brokering. */
public class BrokerServiceTest {

    private Server server;
    private ManagedChannel channel;

    @Before
    public void serve() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(new BrokerService()).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @After
    public void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    public void refusesAKnockForABrokeredConnectionAndEndsWithTheHost() throws Exception {
        BlockingQueue<ConnInfo> replies = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        StreamObserver<ConnInfo> host = GRPCBrokerGrpc.newStub(channel).startStream(new StreamObserver<>() {
            @Override
            public void onNext(ConnInfo reply) {
                replies.add(reply);
            }

            @Override
            public void onError(Throwable error) {
                ended.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                ended.complete(null);
            }
        });

        host.onNext(ConnInfo.newBuilder().setServiceId(7)
                .setKnock(ConnInfo.Knock.newBuilder().setKnock(true)).build());
        ConnInfo reply = replies.poll(60, TimeUnit.SECONDS);
        host.onCompleted();
        ended.get(60, TimeUnit.SECONDS);

        assertEquals(7, reply.getServiceId());
        assertTrue("knock", reply.getKnock().getKnock());
        assertTrue("ack", reply.getKnock().getAck());
        assertEquals(BrokerService.REFUSAL, reply.getKnock().getError());
    }
}
