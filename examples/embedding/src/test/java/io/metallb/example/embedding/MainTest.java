package io.metallb.example.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example's program, run as a user would run it: the allocator is found through ServiceLoader (the
 * metallb-allocator jar on the test module path), the assignments are exact, and a restart keeps them.
 */
class MainTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void allocatesInKeyOrderAndARestartKeepsEveryAddress(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cluster.txt");
        Files.writeString(file, """
                # pools, then services
                pool edge 198.51.100.10-198.51.100.19
                service default/web
                service default/dns
                """);
        Run first = run(file.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out().lines()).containsExactly(
                "default/dns 198.51.100.10 edge",
                "default/web 198.51.100.11 edge");
        assertThat(Files.readAllLines(file.resolveSibling("cluster.txt.assignments"))).containsExactly(
                "default/dns edge 198.51.100.10",
                "default/web edge 198.51.100.11");

        // default/api sorts first: without restore-before-allocate it would take dns's 198.51.100.10.
        Files.writeString(file, "service default/api\n", java.nio.file.StandardOpenOption.APPEND);
        Run restarted = run(file.toString());
        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        assertThat(restarted.out().lines()).containsExactly(
                "default/api 198.51.100.12 edge",
                "default/dns 198.51.100.10 edge",
                "default/web 198.51.100.11 edge");
    }

    @Test
    void aServiceRemovedFromTheFileReleasesItsAddressAndItsSavedAssignment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cluster.txt");
        Files.writeString(file, "pool edge 198.51.100.10/31\nservice default/a\nservice default/b\n");
        assertThat(run(file.toString()).out().lines()).containsExactly(
                "default/a 198.51.100.10 edge", "default/b 198.51.100.11 edge");
        Files.writeString(file, "pool edge 198.51.100.10/31\nservice default/b\nservice default/c\n");
        Run r = run(file.toString());
        assertThat(r.out().lines()).containsExactly("default/b 198.51.100.11 edge", "default/c 198.51.100.10 edge");
        assertThat(Files.readAllLines(dir.resolve("cluster.txt.assignments"))).containsExactly(
                "default/b edge 198.51.100.11", "default/c edge 198.51.100.10");
    }

    @Test
    void aMalformedLineIsAnErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cluster.txt");
        Files.writeString(file, "pool edge 198.51.100.10/31\nservise default/a\n");
        Run r = run(file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cluster.txt line 2").contains("servise default/a");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anInvalidPoolIsReportedNamingObjectAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cluster.txt");
        Files.writeString(file, "pool edge 198.51.100.300/32\nservice default/a\n");
        Run r = run(file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).startsWith("WARNING config ConfigInvalid").contains("edge").contains("addresses");
        assertThat(r.out()).isEmpty();
    }
}
