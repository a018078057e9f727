package io.metallb.distribution.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code metallb demo} as README's first command runs it: its own JVM, the packaged module path (target/lib, no
 * class path), from a directory that is not the repository, so the examples come from the jar.
 */
class DemoIT {

    @Test
    void theDemoRunsOnThePackagedModulePathAndPrintsBothTables() throws Exception {
        String lib = System.getProperty("metallb.lib");
        assertThat(lib).as("system property metallb.lib (set by failsafe in the pom)").isNotBlank();
        assertThat(Path.of(lib)).isDirectory();
        Path cwd = Files.createTempDirectory("metallb-demo-it");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "--module-path", lib, "-m", "io.metallb.distribution", "demo",
                "--timeout", "120")
                .directory(cwd.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(240, TimeUnit.SECONDS)).as(output).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            DemoOutput table = DemoOutput.parse(output);
            assertThat(table.services()).hasSize(5).allSatisfy(r -> assertThat(r.get("EXTERNAL-IP"))
                    .isNotEqualTo("<pending>"));
            assertThat(table.ips("edge", "shop")).hasSize(2);
            assertThat(table.ips("default", "dns-tcp")).isEqualTo(table.ips("default", "dns-udp"));
            assertThat(table.routes()).hasSize(9).extracting(r -> r.get("FROM").split(" ")[0]).containsOnly(
                    List.of("node-a", "node-b", "node-c").toArray(String[]::new));
            assertThat(output).contains("examples/demo (the copy in the jar)").contains("the router holds 0 routes");
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(cwd);
        }
    }
}
