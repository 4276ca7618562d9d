package dev.pnode.rpc.http;

import dev.pnode.rpc.transport.HttpLimits;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/** Real sockets that stall at each step of a request, against an endpoint with 1 s timeouts. */
public class SlowClientsTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private HttpEndpoint endpoint;
    private final List<Socket> sockets = new ArrayList<>();

    @Before
    public void start() throws IOException {
        endpoint = new HttpEndpoint(new InetSocketAddress("127.0.0.1", 0), HttpEndpointTest.dispatcherGreeting(),
                new HttpLimits(1024, SHORT, SHORT, SHORT, Duration.ofSeconds(3), 100));
        endpoint.start();
    }

    @After
    public void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        endpoint.close();
    }

    @Test
    public void closesAConnectionThatNeverCompletesItsHeaders() throws Exception {
        Socket slow = connect();
        slow.getOutputStream().write("POST / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));

        assertClosedWithin(slow, Duration.ofSeconds(10));
    }

    @Test
    public void closesARequestWhoseBodyStalls() throws Exception {
        Socket slow = connect();
        slow.getOutputStream().write(("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));

        assertClosedWithin(slow, Duration.ofSeconds(10));
    }

    @Test
    public void closesAnIdleKeptAliveConnectionAfterTheIdleTimeoutOnly() throws Exception {
        Socket idle = connect();
        String answer = call(idle);
        assertTrue(answer, answer.startsWith("HTTP/1.1 200"));
        Thread.sleep(SHORT.toMillis() * 2);
        assertTrue(call(idle).startsWith("HTTP/1.1 200"));

        assertClosedWithin(idle, Duration.ofSeconds(10));
    }

    @Test
    public void answersOthersWhileSlowClientsWait() throws Exception {
        for (int i = 0; i < 20; i++) {
            connect().getOutputStream().write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    .concat("Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        }

        assertTrue(call(connect()).startsWith("HTTP/1.1 200"));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", endpoint.port());
        sockets.add(socket);
        return socket;
    }

    /** One greeting on a kept-alive connection: the response's status line and headers and body. */
    private static String call(Socket socket) throws IOException {
        byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"greet\",\"params\":[\"x\"]}"
                .getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        return RawHttp.readUntil(socket.getInputStream(), "\"result\":\"Hello x!\"}");
    }

    private static void assertClosedWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        // whatever the server says first (an error status, or nothing), it must end the connection
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketException reset) {
                return;
            }
            if (b < 0) {
                return;
            }
        }
    }
}
