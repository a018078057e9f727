package io.metallb.distribution.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {
    /** Broken configs; each file's first line is {@code # expect: } and the error it must produce. */
    private static final Path CORPUS = Path.of("src/test/resources/validate");
    private static final String EXPECT = "# expect: ";

    static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void corpusIsNotEmpty() throws IOException {
        // A glob that matched nothing once made a MetalLB interop test vacuous.
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void eachBrokenConfigIsRefusedWithItsNamedError(Path file) throws IOException {
        String first = Files.readAllLines(file).get(0);
        assertThat(first).as("first line of " + file).startsWith(EXPECT);
        CommandRun run = CommandRun.of("validate", "-f", file.toString());
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out().lines()).contains(first.substring(EXPECT.length()));
        assertThat(run.out()).endsWith("invalid, 1 error" + System.lineSeparator());
    }

    @Test
    void theExampleConfigIsValid() {
        CommandRun run = CommandRun.of("validate", "-f", "../examples/config.yaml");
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).endsWith("valid" + System.lineSeparator());
    }

    @Test
    void servicesBesideTheConfigAreSkipped() throws IOException {
        CommandRun run = CommandRun.of("validate", "-f", "../examples/services.yaml");
        assertThat(run.exitCode()).as(run.out()).isZero();
    }

    @Test
    void everyErrorIsPrintedOnePerLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, Files.readString(CORPUS.resolve("pool-bad-cidr.yaml")) + "---\n"
                + Files.readString(CORPUS.resolve("peer-bad-asn.yaml")));
        CommandRun run = CommandRun.of("validate", "-f", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines()).startsWith(
                "BGPPeer \"router\": spec.myASN: 0 (expected: a whole number in 1..4294967295)",
                "IPAddressPool \"prod\": spec.addresses[1]: \"198.51.100.300/24\" is not a CIDR or a range: "
                        + "\"198.51.100.300\" is not an IP address");
        assertThat(run.out()).endsWith("invalid, 2 errors" + System.lineSeparator());
    }

    @Test
    void warningsArePrintedAndDoNotRefuse(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("warn.yaml");
        Files.writeString(file, """
                apiVersion: metallb.io/v1beta1
                kind: L2Advertisement
                metadata:
                  name: l2
                spec:
                  ipAddressPools: [nowhere]
                """);
        CommandRun run = CommandRun.of("validate", "-f", file.toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("warning: ");
    }

    @Test
    void aMissingFileOrBrokenYamlIsExitCodeTwo(@TempDir Path dir) throws IOException {
        CommandRun missing = CommandRun.of("validate", "-f", dir.resolve("absent.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("absent.yaml");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "kind: [unclosed\n");
        CommandRun notYaml = CommandRun.of("validate", "-f", broken.toString());
        assertThat(notYaml.exitCode()).isEqualTo(2);
        assertThat(notYaml.err()).contains("not YAML");
    }
}
