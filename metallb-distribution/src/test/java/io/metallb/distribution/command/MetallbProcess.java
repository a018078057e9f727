package io.metallb.distribution.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metallb.distribution.Poll;
import io.metallb.distribution.health.HttpCall;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code metallb} running in its own JVM on the module path (target/lib plus extra jars), logging
 * JSON lines: every stdout line is parsed as JSON as it arrives (a line that is not JSON is kept as a failure),
 * the operations port is read from the start-up line, and {@link #stop} sends SIGTERM.
 */
final class MetallbProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVING = Pattern.compile("on http://([0-9.]+):(\\d+)");

    private final Process process;
    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    private final List<String> notJson = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private MetallbProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "metallb-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code java --module-path LIB[:extra...] -m io.metallb.distribution ARGS}, stderr kept apart. */
    static MetallbProcess start(List<String> extraJars, String... args) throws IOException {
        return start(List.of(), extraJars, args);
    }

    /** As {@link #start(List, String...)} with JVM options before {@code --module-path}. */
    static MetallbProcess start(List<String> jvmOptions, List<String> extraJars, String... args) throws IOException {
        return start(jvmOptions, extraJars, Map.of(), args);
    }

    /** As {@link #start(List, List, String...)} with {@code environment} added to this JVM's environment. */
    static MetallbProcess start(List<String> jvmOptions, List<String> extraJars, Map<String, String> environment,
            String... args) throws IOException {
        return start(null, jvmOptions, extraJars, environment, args);
    }

    /**
     * As {@link #start(List, List, Map, String...)} on {@code runtime}, a jlinked runtime that holds the application
     * (the image's, stage-rootfs.sh): then only the extra jars are the module path. With {@code null}, this JDK and
     * {@code metallb.lib}.
     */
    static MetallbProcess start(Path runtime, List<String> jvmOptions, List<String> extraJars,
            Map<String, String> environment, String... args) throws IOException {
        List<String> path = new ArrayList<>();
        if (runtime == null) {
            path.add(property("metallb.lib"));
        }
        extraJars.forEach(j -> path.add(property(j)));
        List<String> command = new ArrayList<>(List.of((runtime == null
                ? Path.of(System.getProperty("java.home")) : runtime).resolve("bin").resolve("java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("--module-path", String.join(File.pathSeparator, path),
                "-m", "io.metallb.distribution"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(environment);
        return new MetallbProcess(pb.start());
    }

    /** A {@code metallb} process started some other way (e.g. in the image's file system), read the same way. */
    static MetallbProcess of(Process process) {
        return new MetallbProcess(process);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by failsafe in the pom)").isNotBlank();
        assertThat(Files.exists(Path.of(value))).as(value).isTrue();
        return value;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    notJson.add(line);
                }
            }
        } catch (IOException e) {
            // Our end was closed by close() after a failure: nothing more to read.
        }
    }

    /** The operating system's process id. */
    long pid() {
        return process.pid();
    }

    /** The JSON log lines so far. */
    List<JsonNode> logs() {
        return List.copyOf(lines);
    }

    /** Stdout lines that were not a JSON object. */
    List<String> notJson() {
        return List.copyOf(notJson);
    }

    boolean logged(String msgPart) {
        return lines.stream().anyMatch(l -> l.path("msg").asText().contains(msgPart));
    }

    /** The operations base URL, from the start-up line (waited for). */
    URI base() {
        await("the operations port in the log", () -> logged("serving /metrics"));
        String msg = lines.stream().map(l -> l.path("msg").asText()).filter(m -> m.contains("serving /metrics"))
                .findFirst().orElseThrow();
        Matcher m = SERVING.matcher(msg);
        assertThat(m.find()).as(msg).isTrue();
        return URI.create("http://" + m.group(1) + ":" + m.group(2));
    }

    /** GET {@code path} on the operations port. */
    HttpCall get(String path) {
        return HttpCall.of("GET", base().resolve(path));
    }

    /** SIGTERM, then the exit code (waited for, bounded). */
    int stop() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of stdout, losing the shutdown's lines.
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** The exit code of a process that exits by itself (waited for, bounded). */
    int waitForExit() throws InterruptedException {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** Polls {@code condition} until it holds, failing after a generous deadline (never a fixed sleep). */
    static void await(String what, BooleanSupplier condition) {
        Poll.await(what, Duration.ofSeconds(60), Duration.ofMillis(50), condition);
    }
}
