package dev.pnode.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's floor under one call's hand-offs, as greeting paths of the interleaved harness that run no pnode code
 * (so they alternate round by round with the figures' paths, under the same load): {@code floor-park} — two threads of
 * the harness JVM waking each other in turn (a round trip is two wake-ups: the least a caller pays that hands a call
 * to another thread and is woken by its answer); {@code floor-unix} — a round trip over a unix socket to an echo
 * thread in another JVM (what IPC puts between a client and the node: client → node → client); {@code floor-tcp} —
 * the same over a loopback TCP keep-alive connection with TCP_NODELAY (what HTTP puts there). The messages have the
 * greeting's sizes (IPC's request and answer; for TCP, the HTTP request and answer with their headers), the echo JVM
 * runs with the node's JVM options, and both sides use blocking channels, the cheapest way a Java thread waits for a
 * socket. An endpoint replaces the in-process caller's wake-up by the answer (half a {@code floor-park}) with a socket
 * round trip, so {@code floor-unix} (or {@code floor-tcp}) less half of {@code floor-park} is the least IPC (or HTTP)
 * can add to the contract path's p50 on the machine it runs on.
 *
 * <p>The echo side runs as {@code FloorProbe unix DIRECTORY} or {@code FloorProbe tcp}. Each caller of the harness
 * has a pair of its own (threads, or a connection with its echo thread).
 */
final class FloorProbe implements GreetingTarget {

    static final String PARK = "floor-park";
    static final String UNIX = "floor-unix";
    static final String TCP = "floor-tcp";
    /** {@code plugin@helloworld_greeting("world")} as the harness's IPC client sends it, and the node's answer. */
    private static final int UNIX_REQUEST_BYTES = 82;
    private static final int UNIX_ANSWER_BYTES = 49;
    /** The same as an HTTP/1.1 POST with the harness's headers, and the node's answer with Jetty's. */
    private static final int TCP_REQUEST_BYTES = 169;
    private static final int TCP_ANSWER_BYTES = 150;
    private static final String GREETING = "Hello world!";
    private static final String HOLD_SEPARATOR = "@";
    /** About the contract path's p50 with 1 caller on this machine (quiet: ~310 us): figure 7's floors hold this long. */
    static final int HELD_AS_A_CALL_MICROS = 300;
    static final String HELD_AS_A_CALL = HOLD_SEPARATOR + HELD_AS_A_CALL_MICROS;

    /** Opens one more round-trip pair (a pair of threads, or a connection with its echo thread). */
    private final RoundTripFactory pairs;
    private final AutoCloseable shared;
    /** Idle pairs: a caller takes one (or opens one) for a call and puts it back, so N callers use N. */
    private final ConcurrentLinkedDeque<RoundTrip> idle = new ConcurrentLinkedDeque<>();

    private FloorProbe(RoundTripFactory pairs, AutoCloseable shared) {
        this.pairs = pairs;
        this.shared = shared;
    }

    /** Whether {@code path} names a floor: {@code floor-park}, {@code floor-unix} or {@code floor-tcp}, with a hold. */
    static boolean names(String path) {
        return List.of(PARK, UNIX, TCP).contains(path.split(HOLD_SEPARATOR)[0]);
    }

    /**
     * @param path a floor's name, with {@code @MICROS} for a floor whose answering side holds each answer that long
     *             (spinning on its core, as the plugin and the node's I/O thread work while the caller sleeps): the
     *             caller then sleeps as long as in a real call before it is woken, and on a virtual machine a
     *             wake-up after a longer sleep costs more (the idle core stopped polling and halted); its p50 less
     *             the hold is the floor under a call of about that length
     */
    static FloorProbe open(String path) throws IOException {
        String[] nameAndHold = path.split(HOLD_SEPARATOR);
        long holdNanos = nameAndHold.length > 1 ? Long.parseLong(nameAndHold[1]) * 1_000 : 0;
        return switch (nameAndHold[0]) {
            case PARK -> new FloorProbe(() -> new PingPong(holdNanos), () -> { });
            case UNIX -> {
                Path directory = Files.createTempDirectory("pnode-floor");
                Echo echo = Echo.start(List.of("unix", directory.toString()));
                yield new FloorProbe(() -> new SocketRoundTrip(SocketChannel.open(Echo.unixAddress(directory)),
                        UNIX_REQUEST_BYTES, UNIX_ANSWER_BYTES, holdNanos), () -> {
                    try (echo) {
                        Files.deleteIfExists(Echo.unixAddress(directory).getPath());
                        Files.deleteIfExists(directory);
                    }
                });
            }
            case TCP -> {
                Echo echo = Echo.start(List.of("tcp"));
                yield new FloorProbe(() -> {
                    SocketChannel channel = SocketChannel.open(new InetSocketAddress(
                            InetAddress.getLoopbackAddress(), echo.port));
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    return new SocketRoundTrip(channel, TCP_REQUEST_BYTES, TCP_ANSWER_BYTES, holdNanos);
                }, echo);
            }
            default -> throw new IllegalArgumentException("not a floor: " + path);
        };
    }

    @Override
    public String greeting(String msg) {
        RoundTrip pair = idle.pollFirst();
        try {
            if (pair == null) {
                pair = pairs.open();
            }
            pair.roundTrip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        idle.addFirst(pair);
        return GREETING;
    }

    @Override
    public void close() {
        for (RoundTrip pair = idle.poll(); pair != null; pair = idle.poll()) {
            pair.close();
        }
        try {
            shared.close();
        } catch (Exception e) {
            // closing is all we want
        }
    }

    @FunctionalInterface
    private interface RoundTripFactory {
        RoundTrip open() throws IOException;
    }

    private interface RoundTrip {
        void roundTrip() throws IOException;

        void close();
    }

    /** Two threads waking each other in turn; the partner lives until {@link #close}. */
    private static final class PingPong implements RoundTrip {

        private volatile Thread caller;
        private volatile boolean pinged;
        private volatile boolean ponged;
        private volatile boolean stopped;
        private final long holdNanos;
        private final Thread partner;

        PingPong(long holdNanos) {
            this.holdNanos = holdNanos;
            partner = new Thread(this::answerPings, "floor-partner");
            partner.setDaemon(true);
            partner.start();
        }

        private void answerPings() {
            while (!stopped) {
                if (!pinged) {
                    LockSupport.park(this);
                    continue;
                }
                pinged = false;
                hold(holdNanos);
                ponged = true;
                LockSupport.unpark(caller);
            }
        }

        @Override
        public void roundTrip() {
            caller = Thread.currentThread();
            pinged = true;
            LockSupport.unpark(partner);
            while (!ponged) {
                LockSupport.park(this);
            }
            ponged = false;
        }

        @Override
        public void close() {
            stopped = true;
            LockSupport.unpark(partner);
        }
    }

    /** Writes a request of the given size and reads the answer's bytes on one blocking connection. */
    private static final class SocketRoundTrip implements RoundTrip {

        private final SocketChannel channel;
        private final ByteBuffer request;
        private final ByteBuffer answer;

        SocketRoundTrip(SocketChannel channel, int requestBytes, int answerBytes, long holdNanos)
                throws IOException {
            this.channel = channel;
            request = ByteBuffer.allocateDirect(requestBytes);
            answer = ByteBuffer.allocateDirect(answerBytes);
            // the echo side learns the sizes first (the request's, the answer's), then how long to hold each answer
            ByteBuffer sizes = ByteBuffer.allocate(16).putInt(requestBytes).putInt(answerBytes).putLong(holdNanos)
                    .flip();
            while (sizes.hasRemaining()) {
                channel.write(sizes);
            }
        }

        @Override
        public void roundTrip() throws IOException {
            request.clear();
            while (request.hasRemaining()) {
                channel.write(request);
            }
            answer.clear();
            Echo.readFully(channel, answer);
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing is all we want
            }
        }
    }

    /** The echo process: a thread per connection reads each request whole and writes the answer's bytes back. */
    private static final class Echo implements AutoCloseable {

        private final Process process;
        /** The TCP echo's port; 0 for the unix one. */
        private final int port;

        private Echo(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Echo start(List<String> arguments) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JavaFork.nodeJvmOptions());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(FloorProbe.class.getName());
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                return new Echo(process, listening(new BufferedReader(new InputStreamReader(
                        process.getInputStream(), StandardCharsets.UTF_8))));
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }

        /** The echo's port line, after anything else the JVM printed on standard output. */
        private static int listening(BufferedReader out) throws IOException {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("port=")) {
                    return Integer.parseInt(line.substring("port=".length()));
                }
            }
            throw new IOException("the floor's echo process ended before it listened (its output is above)");
        }

        static UnixDomainSocketAddress unixAddress(Path directory) {
            return UnixDomainSocketAddress.of(directory.resolve("floor.sock"));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }

        static void readFully(SocketChannel connection, ByteBuffer into) throws IOException {
            while (into.hasRemaining()) {
                if (connection.read(into) < 0) {
                    throw new IOException("the other side of the floor's connection closed it");
                }
            }
        }
    }

    /** Keeps the core busy for the given time (the work of a real call's answering side). */
    private static void hold(long nanos) {
        for (long until = System.nanoTime() + nanos; nanos > 0 && System.nanoTime() < until; ) {
            Thread.onSpinWait();
        }
    }

    /**
     * The echo process's main ({@code unix DIRECTORY} or {@code tcp}): a thread per connection, as many as the
     * harness's callers; it ends with the harness (destroyed, or its standard input closed by the harness's end).
     */
    public static void main(String[] arguments) throws IOException {
        boolean unix = arguments[0].equals("unix");
        SocketAddress address = unix ? Echo.unixAddress(Path.of(arguments[1]))
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        ServerSocketChannel server = ServerSocketChannel.open(unix ? StandardProtocolFamily.UNIX
                : StandardProtocolFamily.INET).bind(address);
        System.out.println("port=" + (unix ? 0 : ((InetSocketAddress) server.getLocalAddress()).getPort()));
        System.out.flush();
        Thread orphaned = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the harness never writes; its end closes the pipe
                }
            } catch (IOException e) {
                // the same: the harness is gone
            }
            System.exit(0);
        }, "floor-harness-gone");
        orphaned.setDaemon(true);
        orphaned.start();
        while (true) {
            SocketChannel connection = server.accept();
            if (!unix) {
                connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            Thread echo = new Thread(() -> echo(connection), "floor-echo");
            echo.setDaemon(true);
            echo.start();
        }
    }

    private static void echo(SocketChannel connection) {
        try (connection) {
            ByteBuffer sizes = ByteBuffer.allocate(16);
            Echo.readFully(connection, sizes);
            ByteBuffer request = ByteBuffer.allocateDirect(sizes.getInt(0));
            ByteBuffer answer = ByteBuffer.allocateDirect(sizes.getInt(4));
            long holdNanos = sizes.getLong(8);
            while (true) {
                request.clear();
                Echo.readFully(connection, request);
                hold(holdNanos);
                answer.clear();
                while (answer.hasRemaining()) {
                    connection.write(answer);
                }
            }
        } catch (IOException e) {
            // the harness closed this connection
        }
    }
}
