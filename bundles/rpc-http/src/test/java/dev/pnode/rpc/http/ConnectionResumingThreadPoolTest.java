package dev.pnode.rpc.http;

import dev.pnode.rpc.transport.HttpLimits;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * A kept-alive connection whose answers come from another thread (as JSON-RPC answers come from the plugin
 * channel's) and whose next request is not read yet is handed back to the selector by the answering thread, without a
 * pool thread; one with a request already read (pipelined) resumes on a pool thread while the pool has threads to
 * spare, and on the answering thread while the pool is at its maximum and busy: it keeps being served while every
 * thread of the server's pool is busy.
 */
public class ConnectionResumingThreadPoolTest {

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private final ExecutorService answerer = Executors.newSingleThreadExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch answerHeld = new CountDownLatch(1);
    private ListeningServer server;

    @After
    public void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
        answerer.shutdownNow();
    }

    @Test
    public void servesAKeptAliveConnectionWhileEveryPoolThreadIsBusy() throws Exception {
        start();
        try (Socket busy = connect(); Socket socket = connect()) {
            assertEquals("answered", call(socket));
            // more blocking tasks than the pool has threads: Jetty's own resume task would queue behind them
            send(busy, "/occupy-the-pool");
            assertEquals("occupied", read(busy));
            for (int i = 0; i < 3; i++) {
                assertEquals("answered", call(socket));
            }
        }
    }

    @Test
    public void resumesOnAPoolThreadWhileThePoolHasThreadsToSpare() throws Exception {
        start();
        try (Socket socket = connect()) {
            assertEquals("answered", call(socket));
            // two requests at once: the second is read by whichever thread resumes the connection after the first
            socket.getOutputStream().write((request("/") + request("/which-thread")).getBytes(
                    StandardCharsets.US_ASCII));
            assertEquals("answered", read(socket));
            assertTrue("the answering thread resumed the connection although the pool had threads to spare",
                    read(socket).startsWith("pnode-resume-test"));
        }
    }

    @Test
    public void handsAConnectionAwaitingItsNextRequestToTheSelectorWithoutAPoolThread() throws Exception {
        start();
        try (Socket socket = connect()) {
            send(socket, "/hold");
            held.await();
            // the next request waits in the socket, not read by Jetty, while the answer before it is written
            send(socket, "/how-resumed");
            answerHeld.countDown();
            assertEquals("answered", read(socket));
            assertEquals("the connection was resumed by a pool thread", "by the selector", read(socket));
        }
    }

    private void start() throws IOException {
        server = new ListeningServer("resume-test", new InetSocketAddress("127.0.0.1", 0), HttpLimits.DEFAULT,
                jetty -> new AnswerFromAnotherThread());
        server.start(Optional.empty());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static String call(Socket socket) throws IOException {
        send(socket, "/");
        return read(socket);
    }

    private static void send(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(request(path).getBytes(StandardCharsets.US_ASCII));
    }

    private static String request(String path) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n";
    }

    private static String read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String head = RawHttp.readUntil(in, "\r\n\r\n");
        if (!head.endsWith("\r\n\r\n")) {
            throw new IOException("connection closed after " + head);
        }
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    /**
     * Answers from another thread; {@code /occupy-the-pool} first fills the pool with tasks that wait;
     * {@code /which-thread} answers at once with the name of the thread that read it; {@code /hold} answers once the
     * test lets it; {@code /how-resumed} answers whether Jetty's resume task (a pool thread's) read it.
     */
    private final class AnswerFromAnotherThread extends Handler.Abstract {
        AnswerFromAnotherThread() {
            super(InvocationType.NON_BLOCKING);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (Request.getPathInContext(request).equals("/occupy-the-pool")) {
                for (int i = 0; i < 100; i++) {
                    request.getComponents().getThreadPool().execute(() -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                response.write(true, ByteBuffer.wrap("occupied".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
            if (Request.getPathInContext(request).equals("/which-thread")) {
                response.write(true, ByteBuffer.wrap(Thread.currentThread().getName().getBytes(
                        StandardCharsets.US_ASCII)), callback);
                return true;
            }
            if (Request.getPathInContext(request).equals("/how-resumed")) {
                boolean byPool = StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> frame.getClassName()
                        .equals("org.eclipse.jetty.server.internal.HttpConnection")
                        && frame.getMethodName().equals("run")));
                response.write(true, ByteBuffer.wrap((byPool ? "by a pool thread" : "by the selector").getBytes(
                        StandardCharsets.US_ASCII)), callback);
                return true;
            }
            boolean hold = Request.getPathInContext(request).equals("/hold");
            if (hold) {
                held.countDown();
            }
            answerer.execute(() -> {
                if (hold) {
                    try {
                        answerHeld.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                response.write(true, ByteBuffer.wrap("answered".getBytes(StandardCharsets.US_ASCII)), callback);
            });
            return true;
        }
    }
}
