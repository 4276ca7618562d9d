package dev.pnode.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one harness in a fresh JVM (with the node's JVM options and the benchmark class path), so a figure is not
 * bent by the JIT profile or heap of another, and collects the {@code name=value} lines it prints.
 */
final class JavaFork {

    /** Set to a directory to record every forked harness with JFR (profile settings), one file per fork. */
    static final String JFR_VARIABLE = "PNODE_BENCH_JFR";

    /** The line of bin/pnode that holds its default JAVA_OPTS: {@code : "${JAVA_OPTS:=...}"}. */
    private static final Pattern JAVA_OPTS_DEFAULT = Pattern.compile("^: \"\\$\\{JAVA_OPTS:=(.*)}\"$",
            Pattern.MULTILINE);
    /** The line of bin/pnode that holds the JIT options it adds for a node start: {@code node_jit_options="..."}. */
    private static final Pattern NODE_JIT_OPTIONS = Pattern.compile("^node_jit_options=\"(.*)\"$", Pattern.MULTILINE);

    private JavaFork() {
    }

    static Map<String, String> run(Class<?> main, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(nodeJvmOptions());
        command.addAll(benchProperties());
        String jfrDirectory = System.getenv(JFR_VARIABLE);
        if (jfrDirectory != null && !jfrDirectory.isBlank()) {
            command.add("-XX:StartFlightRecording=settings=profile,filename="
                    + Path.of(jfrDirectory, main.getSimpleName() + "-" + System.currentTimeMillis() + ".jfr"));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> values = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                int equals = line.indexOf('=');
                if (equals > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, equals), line.substring(equals + 1));
                } else {
                    System.err.println(line);
                }
            }
        }
        int status = process.waitFor();
        if (status != 0) {
            throw new IOException(main.getSimpleName() + " failed with exit status " + status + " (its output is above)");
        }
        return values;
    }

    /**
     * What bin/pnode of the distribution under test runs the node with (its JAVA_OPTS default and the JIT options of a
     * node start, with the distribution's path for {@code $PNODE_HOME}), read from the script
     * itself so that the embedded node runs as a real one whatever the script's defaults become.
     */
    static List<String> nodeJvmOptions() throws IOException {
        Path home = BenchEnvironment.fromSystemProperties().home();
        Path script = home.resolve("bin").resolve("pnode");
        String text = Files.readString(script);
        Matcher line = JAVA_OPTS_DEFAULT.matcher(text);
        if (!line.find()) {
            throw new IOException(script + " has no default JAVA_OPTS line (: \"${JAVA_OPTS:=...}\")");
        }
        List<String> options = new ArrayList<>(List.of(line.group(1).trim().split("\\s+")));
        Matcher jit = NODE_JIT_OPTIONS.matcher(text);
        if (jit.find()) {
            String homePath = home.toAbsolutePath().toString();
            for (String option : jit.group(1).trim().split("\\s+")) {
                options.add(option.replace("$PNODE_HOME", homePath));
            }
        }
        return options;
    }

    /** The {@code pnode.bench.*} system properties, for forked JVMs. */
    static List<String> benchProperties() {
        List<String> properties = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("pnode.bench."))
                .sorted().forEach(name -> properties.add("-D" + name + "=" + System.getProperty(name)));
        return properties;
    }
}
