package io.metallb.distribution.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoModulesTest {

    private static final Path DEMO = Path.of("/opt/metallb/app/demo-lib");

    @Test
    void addsTheDemoDirectoryToTheModulePathAndResolvesItsModules() {
        assertThat(DemoModules.relaunchCommand("/usr/bin/java", List.of("-XX:TieredStopAtLevel=1", "--module-path",
                "target/lib", "-m", "io.metallb.distribution", "demo", "--timeout", "5"), DEMO))
                .containsExactly("/usr/bin/java", "-XX:TieredStopAtLevel=1", "--module-path",
                        "target/lib" + File.pathSeparator + DEMO, "--add-modules", "ALL-MODULE-PATH", "-m",
                        "io.metallb.distribution", "demo", "--timeout", "5");
        assertThat(DemoModules.relaunchCommand("java", List.of("-p", "a:b", "--module", "io.metallb.distribution",
                "demo"), DEMO)).containsExactly("java", "-p", "a:b" + File.pathSeparator + DEMO, "--add-modules",
                "ALL-MODULE-PATH", "--module", "io.metallb.distribution", "demo");
        assertThat(DemoModules.relaunchCommand("java", List.of("--module-path=x", "-m", "io.metallb.distribution",
                "demo"), DEMO)).startsWith("java", "--module-path=x" + File.pathSeparator + DEMO);
    }

    @Test
    void leavesTheDemosOwnArgumentsAlone() {
        // "-p" after the main module is an argument of the command, not the JVM's module path.
        assertThat(DemoModules.relaunchCommand("java", List.of("-p", "lib", "-m", "io.metallb.distribution", "demo",
                "-p", "x"), DEMO)).endsWith("demo", "-p", "x");
    }

    @Test
    void makesTheDemoDirectoryTheModulePathOfARuntimeThatHoldsTheApplication() {
        // The image: the application is linked into the runtime, the entrypoint has no module path.
        assertThat(DemoModules.relaunchCommand("/opt/metallb/runtime/bin/java", List.of("-XX:+ExitOnOutOfMemoryError",
                "-Dmetallb.demo.lib=" + DEMO, "-m", "io.metallb.distribution", "demo"), DEMO))
                .containsExactly("/opt/metallb/runtime/bin/java", "-XX:+ExitOnOutOfMemoryError",
                        "-Dmetallb.demo.lib=" + DEMO, "--module-path", DEMO.toString(), "--add-modules",
                        "ALL-MODULE-PATH", "-m", "io.metallb.distribution", "demo");
    }

    @Test
    void refusesACommandLineWithoutMainModule() {
        assertThatThrownBy(() -> DemoModules.relaunchCommand("java", List.of("-jar", "metallb.jar", "demo"), DEMO))
                .hasMessageContaining("cannot find -m");
    }

    @Test
    void theTestsRunWithTheDemosModulesInTheGraph() {
        assertThat(DemoModules.present()).isTrue();
    }
}
