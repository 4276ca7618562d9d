package dev.pnode.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.protobuf.Empty;
import dev.pnode.proto.goplugin.GRPCStdioGrpc;
import dev.pnode.proto.goplugin.StdioData;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** go-plugin's stdio stream, served in-process. */
public class StdioForwarderTest {

    private static final int MIB = 1 << 20;

    private final StdioForwarder stdio = new StdioForwarder();
    private Server server;
    private ManagedChannel channel;

    @Before
    public void serve() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(stdio).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @After
    public void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    public void keepsOutputPrintedBeforeTheHostStreamsAndEndsTheStreamOnClose() {
        stdio.stdout().println("early");
        stdio.stderr().println("trouble");
        stdio.close();

        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        stream().forEachRemaining(data -> (data.getChannel() == StdioData.Channel.STDOUT ? out : err)
                .append(data.getData().toString(StandardCharsets.UTF_8)));

        assertEquals("early\n", out.toString());
        assertEquals("trouble\n", err.toString());
    }

    @Test
    public void neverBlocksThePluginWhenNobodyStreamsButKeepsAtMostOneMebibyte() {
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 32; i++) {
            stdio.stdout().write(chunk, 0, chunk.length);
        }
        stdio.close();

        long received = 0;
        for (Iterator<StdioData> data = stream(); data.hasNext();) {
            received += data.next().getData().size();
        }
        assertTrue("at most 1 MiB kept, got " + received, received <= MIB);
        assertTrue("most of the first MiB kept, got " + received, received >= MIB - chunk.length);
        assertEquals(32L * chunk.length, received + stdio.droppedBytes());
    }

    @Test
    public void onlyOneHostMayStreamAtATime() {
        Iterator<StdioData> first = stream();
        stdio.stdout().println("for the first");
        assertEquals("for the first\n", first.next().getData().toString(StandardCharsets.UTF_8));

        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> stream().hasNext());
        assertEquals(Status.Code.FAILED_PRECONDITION, error.getStatus().getCode());
    }

    @Test
    public void dropsOutputAfterClose() {
        stdio.close();
        stdio.stdout().println("too late");

        assertFalse(stream().hasNext());
    }

    private Iterator<StdioData> stream() {
        return GRPCStdioGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .streamStdio(Empty.getDefaultInstance());
    }
}
