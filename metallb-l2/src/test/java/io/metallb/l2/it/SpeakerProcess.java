package io.metallb.l2.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** One {@code StandaloneSpeaker} JVM inside a node namespace, driven through its stdin. */
final class SpeakerProcess implements AutoCloseable {

    private static final Pattern TEST_ONLY = Pattern.compile(
            ".*(junit|jazzer|assertj|quicktheories|byte-buddy|opentest4j|apiguardian|test-classes|surefire|failsafe).*");

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    SpeakerProcess(String ns, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(pinned()); // -Dl2.bench.cpu: an experiment of the benchmark, see Layer2BenchmarkIT
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss512k", "-XX:+UseSerialGC",
                "-p", modulePath(), "-m",
                "io.metallb.l2/io.metallb.l2.internal.demo.StandaloneSpeaker"));
        cmd.addAll(args);
        String backend = System.getProperty("l2.it.backend", "");
        if (!backend.isBlank() && !args.contains("--backend")) {
            cmd.addAll(List.of("--backend", backend)); // -Dl2.it.backend=pcap runs every test on the other back end
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("read failed: " + e.getMessage());
            }
        }, "speaker-out-" + ns);
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code taskset -c N} when {@code -Dl2.bench.cpu=N} is set, else nothing. */
    static List<String> pinned() {
        String cpu = System.getProperty("l2.bench.cpu", "");
        return cpu.isBlank() ? List.of() : List.of("taskset", "-c", cpu);
    }

    /**
     * The speaker's module path: this module's classes and its runtime dependencies, taken from the test's own
     * module path and class path minus test-only libraries (Jazzer's jars split a package and would stop boot).
     */
    static String modulePath() {
        List<String> out = new ArrayList<>(List.of(Path.of("target/classes").toAbsolutePath().toString()));
        for (String prop : List.of("jdk.module.path", "java.class.path")) {
            for (String entry : System.getProperty(prop, "").split(java.io.File.pathSeparator)) {
                if (!entry.isBlank() && !TEST_ONLY.matcher(entry).matches() && !out.contains(entry)
                        && !entry.endsWith("metallb-l2/target/classes") && Files.exists(Path.of(entry))) {
                    out.add(entry);
                }
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    /** Waits for a line starting with {@code prefix}; fails with the transcript at the deadline. */
    String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no \"" + prefix + "\" line within " + timeout + "; speaker said: " + transcript);
            }
            transcript.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Sends one stdin line. */
    /** Asks for the announcer's counters and returns the {@code counters {...}} line. */
    String counters() throws IOException, InterruptedException {
        send("counters");
        return await("counters", Duration.ofSeconds(10));
    }

    /** One counter of a {@code counters {...}} line (0 when absent). */
    static long counter(String counters, String name) {
        java.util.regex.Matcher m = Pattern.compile("[{ ]" + Pattern.quote(name)
                + "=(\\d+)").matcher(counters);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Kills the JVM at once, as a node failure would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                send("quit");
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
