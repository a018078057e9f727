package io.metallb.bgp.interop;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@link NamespaceSpeaker} started inside a namespace, on this JVM's own class and module path. */
final class SpeakerProcess implements AutoCloseable {
    final Process process;
    final Path log;

    private SpeakerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static SpeakerProcess start(String ns, Path dir, List<String> args) {
        return start(Netns.in(ns), "speaker-" + ns, dir, List.of(), args);
    }

    /** The speaker as a process inside {@code ns}, with extra JVM options (system properties). */
    static SpeakerProcess start(String ns, Path dir, List<String> jvmOptions, List<String> args) {
        return start(Netns.in(ns), "speaker-" + ns, dir, jvmOptions, args);
    }

    /** The speaker as a process in this namespace (loopback tests), with extra JVM options. */
    static SpeakerProcess startOnHost(String name, Path dir, List<String> jvmOptions, List<String> args) {
        return start(List.of(), name, dir, jvmOptions, args);
    }

    private static SpeakerProcess start(List<String> prefix, String name, Path dir, List<String> jvmOptions,
            List<String> args) {
        Set<String> path = new LinkedHashSet<>();
        path.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    path.add(entry);
                }
            }
        }
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, path), NamespaceSpeaker.class.getName()));
        command.addAll(args);
        Path log = dir.resolve(name + ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new SpeakerProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    void send(String line) {
        try {
            OutputStream out = process.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The UPDATE count the speaker last reported after {@code count}; -1 before any. */
    int lastUpdates() {
        String[] lines = output().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("updates ")) {
                return Integer.parseInt(lines[i].substring(8).trim());
            }
        }
        return -1;
    }

    /** Ends the process with SIGKILL: its sessions drop without a NOTIFICATION, as in a crash. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the process is stopped below either way
        }
        Routers.stop(process);
    }
}
