package io.metallb.distribution.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged distribution in its own JVM on the module path (target/lib: the runtime jars and this
 * module's jar; no class path), so a broken {@code requires}, {@code uses} or {@code provides} fails here rather than in a user's hands.
 */
class ModuleGraphIT {

    @Test
    void serviceLoaderFindsTheAllocatorAndBothProtocols() throws Exception {
        Result r = metallb(false, "plugins");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output().lines()).containsExactlyInAnyOrder(
                "allocator default io.metallb.allocator",
                "announcer layer2 io.metallb.l2",
                "announcer bgp io.metallb.bgp");
    }

    @Test
    void aThirdPartyPluginJarOnTheModulePathIsAllItTakes() throws Exception {
        Result r = metallb(true, "plugins");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output().lines()).contains(
                "announcer example io.metallb.example.plugin",
                "announcer layer2 io.metallb.l2",
                "announcer bgp io.metallb.bgp");
    }

    @Test
    void theControllerAndSpeakerModulePathHoldsNoneOfTheDemosModules() {
        // BouncyCastle on the module path is bound as a java.security.Provider and instantiated at the first TLS
        // context: ~800 classes and ~0.4 s of CPU at every start of the speaker (docs/benchmarks.md).
        java.lang.module.ModuleFinder lib = java.lang.module.ModuleFinder.of(Path.of(System.getProperty("metallb.lib")));
        for (String module : List.of("kubernetes.server.mock", "mockwebserver", "org.bouncycastle.provider",
                "io.vertx.core", "io.netty.codec.http")) {
            assertThat(lib.find(module)).as(module + " in target/lib").isEmpty();
        }
        java.lang.module.ModuleFinder demo = java.lang.module.ModuleFinder.of(
                Path.of(System.getProperty("metallb.demoLib")));
        assertThat(demo.find("kubernetes.server.mock")).as("the mock server in target/demo-lib").isPresent();
        assertThat(demo.find("org.bouncycastle.provider")).as("BouncyCastle in target/demo-lib").isPresent();
    }

    @Test
    void theJarNamesItsMainClassAndCarriesTheVersion() throws Exception {
        Result r = metallb(false, "--version");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output().strip()).matches("metallb \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void validateRunsOnTheModulePath() throws Exception {
        Path config = Path.of("../examples/config.yaml").toAbsolutePath();
        Result r = metallb(false, "validate", "-f", config.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    private record Result(int exitCode, String output) {
    }

    /** {@code java --module-path ... -m io.metallb.distribution ARGS}, stdout and stderr merged. */
    private static Result metallb(boolean withExamplePlugin, String... args) throws IOException, InterruptedException {
        List<String> path = new ArrayList<>();
        path.add(property("metallb.lib"));
        if (withExamplePlugin) {
            path.add(property("metallb.examplePlugin"));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, path),
                "-m", "io.metallb.distribution"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by failsafe in the pom)").isNotBlank();
        assertThat(Files.exists(Path.of(value))).as(value).isTrue();
        return value;
    }
}
