package io.metallb.distribution.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.metallb.distribution.Poll;
import io.metallb.distribution.standalone.Fixtures;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example third-party plugin (examples/plugin-file) doing its job in the packaged distribution: {@code metallb
 * standalone --implementation layer2=example --announcer-option example.file=OUT}, in its own JVM on the module path
 * target/lib plus the plugin's jar. OUT lists the announced services; removing a Service from FILE withdraws it;
 * SIGTERM empties OUT. Nothing goes on the network: the example protocol only writes a file.
 */
class ExamplePluginIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final String L2_ADVERTISEMENT = """
            ---
            apiVersion: metallb.io/v1beta1
            kind: L2Advertisement
            metadata:
              name: l2
            """;

    @Test
    void thePluginReceivesAnnounceAndWithdrawAndWritesThemToItsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("standalone.yaml");
        Path out = dir.resolve("announced.txt");
        Path log = dir.resolve("standalone.log");
        String web = Fixtures.service("web", "  loadBalancerIP: 198.51.100.10\n");
        String dns = Fixtures.service("dns", "  loadBalancerIP: 198.51.100.11\n");
        replace(file, Fixtures.POOL + L2_ADVERTISEMENT + web + dns);

        Process p = start(log, "standalone", "-f", file.toString(), "--node", "n1", "--poll-interval", "PT0.2S",
                "--implementation", "layer2=example", "--announcer-option", "example.file=" + out);
        try {
            await(() -> lines(out).equals(List.of("default/dns 198.51.100.11", "default/web 198.51.100.10")),
                    () -> "OUT " + lines(out) + "; log:\n" + read(log));

            replace(file, Fixtures.POOL + L2_ADVERTISEMENT + web);
            await(() -> lines(out).equals(List.of("default/web 198.51.100.10")),
                    () -> "OUT " + lines(out) + "; log:\n" + read(log));

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(read(log)).isTrue();
            assertThat(lines(out)).as("OUT after SIGTERM; log:\n" + read(log)).isEmpty();
            assertThat(Files.exists(out)).isTrue();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code java --module-path target/lib:PLUGIN -m io.metallb.distribution ARGS}, output to {@code log}. */
    private static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "--module-path", property("metallb.lib") + File.pathSeparator + property("metallb.examplePlugin"),
                "-m", "io.metallb.distribution"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** OUT's lines; none while it does not exist yet. */
    private static List<String> lines(Path out) {
        try (Stream<String> s = Files.lines(out)) {
            return s.toList();
        } catch (IOException e) {
            return List.of("<" + e + ">");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Replaces {@code file} whole, as an editor saving it does. */
    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void await(Supplier<Boolean> condition, Supplier<String> detail) throws InterruptedException {
        Poll.await("the plugin's file", DEADLINE, Duration.ofMillis(100), condition::get, detail);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by failsafe in the pom)").isNotBlank();
        assertThat(Files.exists(Path.of(value))).as(value).isTrue();
        return value;
    }
}
