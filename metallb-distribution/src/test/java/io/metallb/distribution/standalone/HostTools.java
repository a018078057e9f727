package io.metallb.distribution.standalone;

import static org.assertj.core.api.Assertions.fail;

import io.metallb.distribution.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * What the standalone IT needs of the host: required tools (missing skips, or fails under CI=true), commands run
 * to completion, network namespaces named {@code mlbj-sa-*} removed by name with the processes inside them, and
 * waiting by polling against a deadline.
 */
final class HostTools {
    static final String PREFIX = "mlbj-sa-";
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private HostTools() {
    }

    /** A condition the test needs: false skips the test, except under CI=true where it fails. */
    static void requireThat(boolean holds, String why) {
        if (holds) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(why + " (CI=true: a missing prerequisite is a failure; scripts/install-test-deps.sh installs it)");
        }
        Assumptions.abort(why);
    }

    static void requireExecutable(String path) {
        requireThat(Files.isExecutable(Path.of(path)), path + " is not installed");
    }

    record Result(int exit, String output) {
    }

    /** Runs a command to completion (30 s at most) and gives its exit code and merged output. */
    static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, new String(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command that must succeed; gives its output. */
    static String checked(String... command) {
        Result r = run(List.of(command));
        if (r.exit() != 0) {
            throw new IllegalStateException(List.of(command) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    /** {@code command} as run inside network namespace {@code ns}. */
    static List<String> in(String ns, String... command) {
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        out.addAll(List.of(command));
        return out;
    }

    /** Kills the processes inside each namespace named {@code mlbj-sa-*} (by PID), then deletes it. */
    static void deleteNamespaces(java.util.function.Predicate<String> which) {
        for (String line : run(List.of("ip", "netns", "list")).output().split("\n")) {
            String name = line.split(" ")[0].trim();
            if (name.startsWith(PREFIX) && which.test(name)) {
                for (String pid : run(List.of("ip", "netns", "pids", name)).output().split("\\s+")) {
                    if (pid.matches("\\d+")) {
                        run(List.of("kill", "-9", pid));
                    }
                }
                run(List.of("ip", "netns", "del", name));
            }
        }
    }

    static Process start(Path log, List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processes a test started, stopped on close (before the namespaces they run in are deleted). */
    static final class Started implements AutoCloseable {
        private final List<Process> all = new ArrayList<>();

        Process add(Process p) {
            all.add(p);
            return p;
        }

        @Override
        public void close() {
            all.forEach(HostTools::stop);
        }
    }

    /** Stops {@code p}: SIGTERM, then SIGKILL after 10 s. */
    static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls {@code condition} until true; fails with {@code what} and {@code detail} at the deadline. */
    static void await(String what, BooleanSupplier condition, Supplier<String> detail) {
        Poll.await(what, DEADLINE, Duration.ofMillis(200), condition, detail);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Replaces {@code file} whole (written beside it, then renamed), as an editor saving it does. */
    static void replace(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(tmp, text);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
