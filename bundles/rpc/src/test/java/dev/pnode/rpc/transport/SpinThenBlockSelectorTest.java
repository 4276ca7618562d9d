package dev.pnode.rpc.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * A real Jetty server whose selector spins, with a handler that answers later from another thread (as the plugin
 * channel's thread answers JSON-RPC calls): the connection's read interest is then re-armed while the selector
 * polls, and a poll consumes the wake-up that would have told a blocking select about it.
 */
public class SpinThenBlockSelectorTest {

    /** Far longer than the test may take: a re-armed interest the spin missed would only be seen after it. */
    private static final Duration LONG_SPIN = Duration.ofMinutes(10);

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final ScheduledExecutorService answerer = Executors.newSingleThreadScheduledExecutor();
    private ListeningServer server;

    @After
    public void stop() {
        if (server != null) {
            server.close();
        }
        answerer.shutdownNow();
    }

    @Test
    public void answersEveryRequestOfAKeptAliveConnectionAnsweredFromAnotherThread() throws Exception {
        server = start(new AnswerLater(answerer, 0), LONG_SPIN);
        try (Socket socket = connect()) {
            for (int i = 0; i < 5; i++) {
                assertEquals("later", call(socket));
            }
        }
    }

    /** The spin ends at once with more than one request in flight; they are all answered, on one selector. */
    @Test
    public void answersRequestsInFlightOnSeveralConnections() throws Exception {
        AnswerLater handler = new AnswerLater(answerer, 3);
        server = start(handler, LONG_SPIN);
        Socket[] sockets = {connect(), connect(), connect()};
        try {
            for (Socket socket : sockets) {
                send(socket);
            }
            assertTrue("all three requests reached the handler", handler.taken.await(30, TimeUnit.SECONDS));
            for (Socket socket : sockets) {
                assertEquals("later", read(socket));
                assertEquals("later", call(socket));
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    public void acceptsNewConnectionsWhileSpinning() throws Exception {
        server = start(new AnswerLater(answerer, 0), LONG_SPIN);
        for (int i = 0; i < 3; i++) {
            try (Socket socket = connect()) {
                assertEquals("later", call(socket));
            }
        }
    }

    private ListeningServer start(Handler handler, Duration spin) throws IOException {
        ListeningServer started = new ListeningServer("spin-test", new InetSocketAddress("127.0.0.1", 0),
                HttpLimits.DEFAULT, jetty -> handler, spin);
        started.start(java.util.Optional.empty());
        return started;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        // a missed re-arm shows as a read that never completes
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static String call(Socket socket) throws IOException {
        send(socket);
        return read(socket);
    }

    private static void send(Socket socket) throws IOException {
        socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** The body of one response with a Content-Length. */
    private static String read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    /** Answers "later" from another thread once {@code hold} requests are waiting (at once when 0 or 1). */
    private static final class AnswerLater extends Handler.Abstract {
        private final ScheduledExecutorService answerer;
        private final CountDownLatch taken;

        AnswerLater(ScheduledExecutorService answerer, int hold) {
            super(InvocationType.NON_BLOCKING);
            this.answerer = answerer;
            this.taken = new CountDownLatch(hold);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            taken.countDown();
            answerer.execute(() -> {
                try {
                    taken.await();
                    // after the selector went back to polling
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                response.write(true, ByteBuffer.wrap("later".getBytes(StandardCharsets.US_ASCII)), callback);
            });
            return true;
        }
    }
}
