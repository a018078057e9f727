package io.metallb.l2.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands for the namespace tests, each bounded in time. */
final class Commands {

    /** Exit status and merged output of one command. */
    record Result(int exit, String output) {
    }

    private Commands() {
    }

    /** Runs {@code command}, killing it after {@code timeout}; exit -1 on timeout. */
    static Result run(Duration timeout, String... command) {
        try {
            Path out = Files.createTempFile("mlbj-l2-cmd", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                return new Result(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(-2, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-3, "interrupted");
        }
    }

    /**
     * Runs {@code command} and fails with its output unless it exits 0. The 60 s bound is generous on purpose:
     * while the kernel tears down deleted namespaces it holds the RTNL lock, and an {@code ip link} was seen to
     * wait over 20 s behind it on a loaded machine.
     */
    static String ok(String... command) {
        Result r = run(Duration.ofSeconds(60), command);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    /** Runs {@code command} inside network namespace {@code ns}. */
    static Result inNs(String ns, Duration timeout, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return run(timeout, full.toArray(String[]::new));
    }

    /** The first executable called {@code tool} on PATH (or in /usr/sbin, /sbin). */
    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
