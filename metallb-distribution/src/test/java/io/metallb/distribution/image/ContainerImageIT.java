package io.metallb.distribution.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.metallb.distribution.manifests.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the image tarball the build made (target/metallb-java-image.tar, Jib from scratch: a jlink runtime with the
 * application linked in and Debian packages' libraries, no daemon, no registry) into podman and runs the metallb
 * command inside it. Skipped without podman, except under CI=true, where a missing podman fails.
 */
class ContainerImageIT {

    private static final Path TAR = Path.of(System.getProperty("metallb.imageTar", "target/metallb-java-image.tar"));
    private static final String VERSION = System.getProperty("metallb.version");
    private static final List<String> JDK_MODULES = Arrays.asList(System.getProperty("metallb.jdkModules", "")
            .split(","));
    /** Upper bounds that catch a runaway base or runtime: the image is ~128 MiB unpacked, ~74 MiB as a tarball. */
    private static final long MAX_IMAGE_BYTES = 150L << 20;
    private static final long MAX_TAR_BYTES = 100L << 20;

    private static Podman podman;
    private static String image;

    @BeforeAll
    static void load() throws Exception {
        if (!Podman.installed()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("podman is not installed (scripts/install-test-deps.sh installs it)");
            }
            Assumptions.abort("podman is not installed");
        }
        assertThat(TAR).as("the image tarball the package phase builds (profile container-image, active where "
                + "libpcap0.8 is installed: scripts/install-test-deps.sh)").isRegularFile();
        podman = Podman.withPrivateStorage();
        Podman.Result loaded = podman.run("load", "--input", TAR.toString());
        assertThat(loaded.exitCode()).as(loaded.output()).isZero();
        image = "mlbj-img-it:" + UUID.randomUUID().toString().substring(0, 8);
        Podman.Result tagged = podman.run("tag", "metallb-java:" + VERSION, image);
        assertThat(tagged.exitCode()).as(tagged.output()).isZero();
    }

    @AfterAll
    static void remove() throws Exception {
        if (podman != null) {
            podman.close();
        }
    }

    private static String container() {
        return "mlbj-img-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theEntrypointIsTheMetallbCommandAndPrintsItsVersion() throws Exception {
        Podman.Result entrypoint = podman.run("image", "inspect", "--format", "{{json .Config.Entrypoint}}", image);
        assertThat(entrypoint.output().strip()).startsWith("[\"/opt/metallb/runtime/bin/java\"")
                .endsWith("\"-m\",\"io.metallb.distribution\"]");
        Podman.Result version = podman.runContainer(container(), image, "--version");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output().strip()).isEqualTo("metallb " + VERSION);
    }

    @Test
    void validateReadsAMountedConfigAndNamesTheBrokenField() throws Exception {
        Path good = Path.of("../examples/config.yaml").toAbsolutePath().normalize();
        Path bad = Path.of("src/test/resources/validate/pool-bad-cidr.yaml").toAbsolutePath();
        assertThat(good).isRegularFile();
        Podman.Result valid = podman.runContainer(container(), "--volume", good + ":/config/config.yaml:ro",
                image, "validate", "-f", "/config/config.yaml");
        assertThat(valid.exitCode()).as(valid.output()).isZero();
        assertThat(valid.output()).contains("/config/config.yaml: valid");
        Podman.Result invalid = podman.runContainer(container(), "--volume", bad + ":/config/bad.yaml:ro",
                image, "validate", "-f", "/config/bad.yaml");
        assertThat(invalid.exitCode()).as(invalid.output()).isEqualTo(1);
        assertThat(invalid.output()).contains("IPAddressPool").contains("spec.addresses");
    }

    @Test
    void itRunsAsTheUnprivilegedUserOnARuntimeOfOnlyTheListedJdkModules() throws Exception {
        Podman.Result user = podman.run("image", "inspect", "--format", "{{.Config.User}}", image);
        assertThat(user.output().strip()).isEqualTo("65532:65532");
        Podman.Result properties = podman.runContainer(container(), "--entrypoint",
                "/opt/metallb/runtime/bin/java", image, "-XshowSettings:properties", "-version");
        assertThat(properties.exitCode()).as(properties.output()).isZero();
        assertThat(properties.output()).contains("user.name = nonroot", "java.home = /opt/metallb/runtime");

        Podman.Result modules = podman.runContainer(container(), "--entrypoint", "/opt/metallb/runtime/bin/java",
                image, "--list-modules");
        assertThat(modules.exitCode()).as(modules.output()).isZero();
        List<String> linked = modules.output().lines().map(l -> l.replaceAll("[@ ].*", "")).toList();
        List<String> jdk = linked.stream().filter(m -> m.startsWith("java.") || m.startsWith("jdk.")).toList();
        // The listed modules and what they require (java.sql needs java.xml and java.transaction.xa; java.naming
        // needs java.security.sasl), nothing else: no desktop, no compiler tools, no jdk.* beyond the listed.
        assertThat(jdk).containsAll(JDK_MODULES).allMatch(m -> JDK_MODULES.contains(m)
                || List.of("java.xml", "java.transaction.xa", "java.security.sasl").contains(m));
        // The application is linked in (every jar an explicit module, Modularize.java), the demo's modules are not.
        assertThat(linked).contains("io.metallb.distribution", "io.metallb.allocator", "io.metallb.l2",
                "io.metallb.bgp", "io.metallb.k8s", "kubernetes.client", "org.pcap4j.core", "slf4j.api")
                .doesNotContain("kubernetes.server.mock", "slf4j.jdk14");
        // The distribution's whole module graph resolves on it: the allocator and both protocols load.
        Podman.Result plugins = podman.runContainer(container(), image, "plugins");
        assertThat(plugins.exitCode()).as(plugins.output()).isZero();
        assertThat(plugins.output().lines()).contains("announcer layer2 io.metallb.l2", "announcer bgp io.metallb.bgp");
    }

    @Test
    void theDemoRunsOnTheLinkedRuntimeWithItsModulesBeside() throws Exception {
        // The controller, three speakers and the BGP peer on the runtime the application is linked into, the mock
        // API server's modules from /opt/metallb/app/demo-lib (DemoModules): everything but the network is real.
        Podman.Result demo = podman.runContainer(container(), image, "demo");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("EXTERNAL-IP", "layer2: node-", "bgp: node-a,node-b,node-c",
                "Routes the BGP router", "2001:db8:113::/128", "the router holds 0 routes");
    }

    @Test
    void theRuntimeMapsItsCdsArchiveWithTheSpeakersOptions() throws Exception {
        // -Xshare:on makes the JVM fail to start when the runtime has no usable CDS archive of the JDK's classes.
        List<String> command = new ArrayList<>(List.of("--entrypoint", "/opt/metallb/runtime/bin/java", image,
                "-Xshare:on", "-Xlog:cds"));
        command.addAll(Manifests.speakerJavaOptions());
        command.add("-version");
        Podman.Result java = podman.runContainer(container(), command.toArray(String[]::new));
        assertThat(java.exitCode()).as(java.output()).isZero();
        assertThat(java.output()).contains("Opened archive /opt/metallb/runtime/lib/server/classes.jsa");
    }

    @Test
    void theEntrypointMapsTheSpeakersAppCdsArchive() throws Exception {
        // The archive is only used by the runtime and module path it was dumped with (train-cds.sh): with
        // -Xshare:on the JVM refuses to start if any of that differs in the image. picocli's classes are in it
        // too: Modularize.java rewrote them as Java 8 class files (JDK 17 archives none older than Java 6).
        String options = String.join(" ", List.of("-Xshare:on", "-Xlog:cds", "-Xlog:class+load")) + " "
                + String.join(" ", Manifests.speakerJavaOptions());
        Podman.Result java = podman.runContainer(container(), "--env", "JDK_JAVA_OPTIONS=" + options, image,
                "--version");
        assertThat(java.exitCode()).as(java.output()).isZero();
        assertThat(java.output()).contains("Opened archive /opt/metallb/app/speaker.jsa")
                .contains("picocli.CommandLine source: shared objects file")
                .contains("metallb " + VERSION);
    }

    @Test
    void theImageStaysSmall() throws Exception {
        long tar = Files.size(TAR);
        Podman.Result size = podman.run("image", "inspect", "--format", "{{.Size}}", image);
        assertThat(size.exitCode()).as(size.output()).isZero();
        long unpacked = Long.parseLong(size.output().strip());
        System.out.printf("image %s: tarball %.1f MiB, unpacked %.1f MiB%n", image, tar / 1048576.0,
                unpacked / 1048576.0);
        assertThat(tar).isPositive().isLessThan(MAX_TAR_BYTES);
        assertThat(unpacked).isGreaterThan(tar / 2).isLessThan(MAX_IMAGE_BYTES);
    }
}
