package io.metallb.bgp.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/** Starting real routers for interop tests, and waiting on them by polling with a deadline. */
final class Routers {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private Routers() {
    }

    /** A binary the test needs: missing skips the test, except under CI=true where it fails. */
    static void require(String path) {
        if (Files.isExecutable(Path.of(path))) {
            return;
        }
        String why = path + " is not installed (scripts/install-test-deps.sh installs it)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    /** A condition the test needs: false skips the test, except under CI=true where it fails. */
    static void requireThat(boolean holds, String why) {
        if (holds) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    static Process start(Path dir, String name, List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a CLI command to completion and returns its output. */
    static String run(List<String> command) {
        return runChecked(command).output();
    }

    record Result(int exit, String output) {
    }

    /** Runs a command to completion; gives its exit code and output. */
    static Result runChecked(List<String> command) {
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

    static void stop(Process p) {
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void signal(Process p, String signal) {
        run(List.of("kill", "-" + signal, String.valueOf(p.pid())));
    }

    /** Polls {@code condition} until true; fails with {@code what} and {@code detail} at the deadline. */
    static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> detail) {
        await(what, DEADLINE, condition, detail);
    }

    static void await(String what, Duration deadline, BooleanSupplier condition,
            java.util.function.Supplier<String> detail) {
        await(what, deadline, Duration.ofMillis(200), condition, detail);
    }

    /** With a poll interval of its own (the benchmark polls more often to end its clocks closer to the event). */
    static void await(String what, Duration deadline, Duration interval, BooleanSupplier condition,
            java.util.function.Supplier<String> detail) {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                fail("timed out waiting for " + what + "; last state: " + detail.get());
            }
            try {
                Thread.sleep(interval.toMillis()); // poll interval, not a wait for something to happen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Checks that {@code condition} stays true while several connection attempts happen (an absence can only be
     * observed over some time); fails as soon as it turns false.
     */
    static void holdsFor(String what, Duration span, BooleanSupplier condition) {
        Instant end = Instant.now().plus(span);
        while (Instant.now().isBefore(end)) {
            if (!condition.getAsBoolean()) {
                fail("no longer true: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static Path tempDir(String prefix) {
        try {
            Path d = Files.createTempDirectory(prefix);
            d.toFile().setWritable(true, false);
            return d;
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
            // best effort: temp files
        }
    }

    static String readLog(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
