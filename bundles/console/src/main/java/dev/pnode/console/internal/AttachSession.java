package dev.pnode.console.internal;

import dev.pnode.console.protocol.Frame;
import dev.pnode.console.protocol.FrameStream;
import dev.pnode.console.protocol.FrameType;
import dev.pnode.console.protocol.Hello;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.Job;
import org.apache.felix.service.threadio.ThreadIO;
import org.jline.reader.LineReader;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * One {@code pnode attach} connection: an interactive Gogo JLine shell on a terminal built over the connection
 * (line editing, history, completion; Ctrl-C, byte 3 from the client's raw terminal, interrupts the running
 * command through the terminal's line discipline), or one command ({@code --exec}) whose output, error and exit
 * code (0 done, 1 failed) go back to the client. {@code exit} or Ctrl-D ends the session, never the node.
 */
final class AttachSession {

    static final String PROMPT = "pnode> ";
    /** Gogo JLine sources {@code <pnode.home>/etc/attach_profile} at the start of a session when it exists. */
    static final String PROFILE = "attach_profile";

    private static final System.Logger LOG = System.getLogger(AttachSession.class.getName());

    private final SocketChannel connection;
    private final FrameStream frames;
    private final CommandProcessor processor;
    private final ThreadIO threadIO;
    private final ShellContext shellContext;
    private final Path historyFile;
    private volatile CommandSession session;

    AttachSession(SocketChannel connection, CommandProcessor processor, ThreadIO threadIO, ShellContext shellContext,
            Path historyFile) {
        this.connection = connection;
        this.frames = FrameStream.over(connection);
        this.processor = processor;
        this.threadIO = threadIO;
        this.shellContext = shellContext;
        this.historyFile = historyFile;
    }

    void run() {
        try {
            Hello hello = Hello.of(frames.read());
            LOG.log(Level.DEBUG, "{0}: {1}", Thread.currentThread().getName(), hello.command()
                    .map(command -> "runs '" + command + "'").orElse("interactive, " + hello.terminalType()));
            int exitCode = hello.command().isPresent() ? execute(hello.command().get()) : interact(hello);
            frames.write(Frame.exit(exitCode));
            LOG.log(Level.DEBUG, "{0}: ended with exit code {1}", Thread.currentThread().getName(), exitCode);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "pnode attach session ended: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pnode attach session failed: " + e, e);
            refuse("the session failed on the node: " + e);
        } finally {
            close();
        }
    }

    /** Tells the client why it cannot have a session (or no longer has one), and hangs up. */
    void refuse(String reason) {
        try {
            byte[] message = (reason + "\n").getBytes(StandardCharsets.UTF_8);
            frames.write(FrameType.ERROR_OUTPUT, message, 0, message.length);
            frames.write(Frame.exit(1));
        } catch (IOException e) {
            // the client is gone already
        }
        close();
    }

    /** Interrupts what the session runs and closes the connection; safe to call twice. */
    void close() {
        interruptForegroundJob();
        try {
            connection.close();
        } catch (IOException e) {
            // closing
        }
    }

    private void interruptForegroundJob() {
        CommandSession current = session;
        Job job = current == null ? null : current.foregroundJob();
        if (job != null) {
            job.interrupt();
        }
    }

    private int execute(String command) throws IOException {
        PrintStream out = new PrintStream(frames.outputStream(FrameType.OUTPUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(frames.outputStream(FrameType.ERROR_OUTPUT), true, StandardCharsets.UTF_8);
        try (CommandSession commandSession = processor.createSession(InputStream.nullInputStream(), out, err)) {
            session = commandSession;
            // the client sends nothing more: the connection's end means it was interrupted (Ctrl-C) or killed
            Thread watcher = new Thread(this::interruptWhenClientLeaves, Thread.currentThread().getName() + "-watch");
            watcher.setDaemon(true);
            watcher.start();
            Object result = commandSession.execute(command);
            if (result != null) {
                String text = commandSession.format(result, Converter.INSPECT).toString();
                out.print(text.endsWith("\n") ? text : text + "\n");
            }
            return 0;
        } catch (Exception e) {
            err.println(e.getMessage() != null ? e.getMessage() : e.toString());
            return 1;
        } finally {
            session = null;
            out.flush();
            err.flush();
        }
    }

    private void interruptWhenClientLeaves() {
        try {
            while (frames.read() != null) {
                // an exec client has nothing to say
            }
        } catch (IOException e) {
            // closed
        }
        interruptForegroundJob();
    }

    private int interact(Hello hello) throws IOException {
        KeyboardInput keyboard = new KeyboardInput(frames);
        // built directly: TerminalBuilder would look for system terminal providers, through the thread's context
        // class loader, which is not this bundle's
        try (Terminal terminal = new ExternalTerminal("pnode attach", hello.terminalType(), keyboard,
                frames.outputStream(FrameType.OUTPUT), StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(hello.columns(), hello.rows()));
            keyboard.onResize(size -> {
                terminal.setSize(size);
                terminal.raise(Signal.WINCH);
            });
            PrintStream screen = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
            try (CommandSession shellSession = processor.createSession(terminal.input(), screen, screen)) {
                Shell shell = new Shell(shellContext, processor, threadIO, PROFILE);
                session = shellSession;
                keyboard.onEnd(() -> {
                    shell.stop();
                    interruptForegroundJob();
                });
                shellSession.put(Shell.VAR_TERMINAL, terminal);
                shellSession.put(LineReader.HISTORY_FILE, historyFile);
                shellSession.put("prompt", PROMPT);
                shellSession.put("exit", (Function) (commandSession, arguments) -> {
                    shell.stop();
                    return null;
                });
                shell.gosh(shellSession, new String[] {"--login", "--noshutdown", "--nohistory"});
                return 0;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "pnode attach session failed: " + e, e);
                return 1;
            } finally {
                session = null;
            }
        }
    }
}
