package dev.pnode.console.internal;

import dev.pnode.api.node.NodeProperties;
import dev.pnode.api.socket.PrivateSocketListener;
import dev.pnode.console.protocol.ConsoleSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.threadio.ThreadIO;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Listens on {@code <datadir>/pnode.console} (mode 0600: only the node's user may attach) and gives each
 * connection a Gogo session of its own ({@link AttachSession}), up to {@link #MAX_SESSIONS} at once. The node's own
 * console, if it has one, is not involved. Without the {@code pnode.datadir} framework property (a node not
 * started by the launcher) it does not listen.
 */
@Component(service = {}, immediate = true)
public final class ConsoleServer {

    static final int MAX_SESSIONS = 16;
    /** The command history the attached sessions share, in the data directory. */
    static final String HISTORY_FILE = "attach_history";

    private static final System.Logger LOG = System.getLogger(ConsoleServer.class.getName());

    private final CommandProcessor processor;
    private final ThreadIO threadIO;
    private final ShellContext shellContext;
    private final Path socket;
    private final Path historyFile;
    private final Set<AttachSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionNumbers = new AtomicInteger();
    private PrivateSocketListener listener;

    @Activate
    public ConsoleServer(@Reference CommandProcessor processor, @Reference ThreadIO threadIO, BundleContext context)
            throws IOException {
        this.processor = processor;
        this.threadIO = threadIO;
        this.shellContext = new ShellContext(context);
        String dataDir = context.getProperty(NodeProperties.DATADIR);
        this.socket = dataDir == null ? null : ConsoleSocket.in(Path.of(dataDir));
        this.historyFile = dataDir == null ? null : Path.of(dataDir, HISTORY_FILE);
        if (socket == null) {
            LOG.log(Level.INFO, "no {0} framework property: pnode attach is not served", NodeProperties.DATADIR);
            return;
        }
        listener = PrivateSocketListener.listen(socket, "the console socket (pnode attach)", "pnode-attach-accept",
                this::accept);
        LOG.log(Level.INFO, "pnode attach sessions served on {0}", socket);
    }

    private void accept(SocketChannel connection) {
        AttachSession session = new AttachSession(connection, processor, threadIO, shellContext, historyFile);
        if (sessions.size() >= MAX_SESSIONS) {
            session.refuse("too many pnode attach sessions (at most " + MAX_SESSIONS + " at once)");
            return;
        }
        sessions.add(session);
        Thread thread = new Thread(() -> {
            try {
                session.run();
            } finally {
                sessions.remove(session);
            }
        }, "pnode-attach-" + sessionNumbers.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends every session (its client sees the connection close) and removes the socket file. */
    @Deactivate
    void deactivate() {
        if (listener == null) {
            return;
        }
        listener.close();
        sessions.forEach(AttachSession::close);
    }
}
