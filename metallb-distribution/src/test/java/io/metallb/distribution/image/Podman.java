package io.metallb.distribution.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * podman with storage of its own (a temporary directory under /tmp named {@code mlbj-img-*}), so the images and
 * containers of a test never meet anyone else's, and {@link #close} removes all of them. The flags are the ones
 * that work on these machines (../shared/NOTES.md): overlay storage, runc, cgroupfs, no network.
 */
final class Podman implements AutoCloseable {

    /** What a command printed (stdout and stderr merged) and its exit code. */
    record Result(int exitCode, String output) {
    }

    private final Path storage;

    private Podman(Path storage) {
        this.storage = storage;
    }

    /** Whether a podman binary is on the PATH. */
    static boolean installed() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "podman")));
    }

    static Podman withPrivateStorage() throws IOException {
        return new Podman(Files.createTempDirectory(Path.of("/tmp"), "mlbj-img-podman-"));
    }

    /** {@code podman <global flags> ARGS}, bounded in time. */
    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman",
                "--root", storage.resolve("root").toString(), "--runroot", storage.resolve("run").toString(),
                "--tmpdir", storage.resolve("tmp").toString(), "--storage-driver", "overlay",
                "--runtime", "runc", "--cgroup-manager", "cgroupfs", "--events-backend", "file"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("podman did not finish within 120 s: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * {@code podman run --rm} in a container named {@code name} (prefix {@code mlbj-img-}), with no network and
     * the ulimits the sandbox allows, then {@code EXTRA} (more run options, then the image and its arguments).
     */
    Result runContainer(String name, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--name", name, "--network", "none",
                "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=4096:4096"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    /** Removes every container and image of this storage, then the storage itself. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("rm", "--all", "--force");
            run("system", "reset", "--force");
        } finally {
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
