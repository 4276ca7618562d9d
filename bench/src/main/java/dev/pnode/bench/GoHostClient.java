package dev.pnode.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringTokenizer;
import java.util.concurrent.TimeUnit;

/**
 * Figure 2's baseline as a path of the interleaved harness: go-plugin's own Go host (examples/helloworld-go/host,
 * AutoMTLS) keeps the plugin open and runs each round itself on the harness's order ({@code -rounds}), timing every
 * call with its own clock; so its rounds alternate with the Java paths' rounds in the same minutes and the ratio
 * cancels the machine's drift, as figure 1's does.
 */
final class GoHostClient implements GreetingTarget {

    private final Process host;
    private final Writer orders;
    private final BufferedReader answers;
    private final Path scratch;

    private GoHostClient(Process host, Path scratch) {
        this.host = host;
        this.orders = new OutputStreamWriter(host.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        this.scratch = scratch;
    }

    static GoHostClient start(Path pluginZip) throws IOException {
        Path goHost = Path.of(System.getProperty(GoHostFigure.GO_HOST_PROPERTY, ""));
        if (!Files.isExecutable(goHost)) {
            throw new IllegalStateException("the Go host " + goHost + " is missing (set -D"
                    + GoHostFigure.GO_HOST_PROPERTY + "; bench/run builds it with examples/helloworld-go/build.sh)");
        }
        Path scratch = BenchEnvironment.scratchDirectory("gohost");
        PluginZip plugin = PluginZip.extract(pluginZip, scratch.resolve("plugin"));
        ProcessBuilder builder = new ProcessBuilder(goHost.toString(), "-plugin", plugin.entrypoint().toString(),
                "-mtls=true", "-rounds").redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("TMPDIR", scratch.toString()); // go-plugin 1.0.1 puts its socket in TMPDIR
        return new GoHostClient(builder.start(), scratch);
    }

    /** One call through the Go host (slow: it goes through the host's stdin), to check the path answers. */
    @Override
    public String greeting(String msg) {
        String answer = order("greet " + msg);
        if (!answer.startsWith("greeting=")) {
            throw new IllegalStateException("the Go host answered '" + answer + "' to greet");
        }
        return answer.substring("greeting=".length());
    }

    /** The calls' CPU and switches are the Go host's, not this JVM's: 0 here. */
    @Override
    public Round round(int callers, long durationNanos, List<Latencies> into) {
        long started = System.nanoTime();
        String answer = order("round " + callers + " " + Math.max(1, TimeUnit.NANOSECONDS.toMillis(durationNanos)));
        StringTokenizer fields = new StringTokenizer(answer);
        if (!fields.hasMoreTokens() || !fields.nextToken().equals("round")) {
            throw new IllegalStateException("the Go host answered '" + answer + "' to round");
        }
        int calls = Integer.parseInt(fields.nextToken());
        Latencies latencies = new Latencies();
        for (int i = 0; i < calls; i++) {
            latencies.add(Long.parseLong(fields.nextToken()));
        }
        into.add(latencies);
        return new Round(0, 0, System.nanoTime() - started);
    }

    private String order(String line) {
        try {
            orders.write(line + "\n");
            orders.flush();
            String answer = answers.readLine();
            if (answer == null) {
                throw new IllegalStateException("the Go host ended (exit " + host.waitFor() + "; its stderr is above)");
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Go host", e);
        }
    }

    @Override
    public void close() {
        try {
            orders.close(); // EOF: the host kills its plugin and exits
            if (!host.waitFor(10, TimeUnit.SECONDS)) {
                host.destroyForcibly();
            }
        } catch (IOException e) {
            host.destroyForcibly();
        } catch (InterruptedException e) {
            host.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Scratch.deleteQuietly(scratch);
        }
    }
}
