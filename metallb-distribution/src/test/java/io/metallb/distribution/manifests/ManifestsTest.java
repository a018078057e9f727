package io.metallb.distribution.manifests;

import static io.metallb.distribution.manifests.Manifests.at;
import static io.metallb.distribution.manifests.Manifests.list;
import static io.metallb.distribution.manifests.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the manifests promise beyond RBAC (that is {@link RbacCoverageTest}): the CRDs are metallb-k8s's own,
 * the controller runs locked down, the speaker has only the two capabilities it needs, probes and metrics are on
 * MetalLB's port.
 */
class ManifestsTest {

    private static final Path K8S_CRDS = Path.of("../metallb-k8s/src/main/resources/io/metallb/k8s/crds");
    private static final int METRICS_PORT = 7472;

    private final Manifests manifests = Manifests.load();

    @Test
    void theCrdsAreByteForByteMetallbK8sGeneratedOnesAndAllAreApplied() throws Exception {
        List<Path> generated;
        try (Stream<Path> files = Files.list(K8S_CRDS)) {
            generated = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(generated).hasSize(9);
        for (Path crd : generated) {
            Path copy = Manifests.DIR.resolve("crds").resolve(crd.getFileName().toString());
            assertThat(copy).as("run metallb-k8s/crds/generate.py").exists();
            assertThat(Files.readAllBytes(copy)).as(copy.toString()).isEqualTo(Files.readAllBytes(crd));
            assertThat(Manifests.resources()).contains("crds/" + crd.getFileName());
        }
        assertThat(manifests.ofKind("CustomResourceDefinition")).hasSize(generated.size());
    }

    @Test
    void everyNamespacedObjectIsInMetallbSystem() {
        assertThat(manifests.get("Namespace", "metallb-system")).isNotNull();
        for (Map<String, Object> o : manifests.all()) {
            String kind = String.valueOf(o.get("kind"));
            if (List.of("Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding").contains(kind)) {
                assertThat(at(o, "metadata", "namespace")).as(kind).isNull();
            } else {
                assertThat(at(o, "metadata", "namespace")).as(kind + " " + at(o, "metadata", "name"))
                        .isEqualTo("metallb-system");
            }
        }
    }

    @Test
    void theControllerRunsTwoReplicasNonRootReadOnlyWithNoCapability() {
        Map<String, Object> deployment = manifests.get("Deployment", "controller");
        assertThat(at(deployment, "spec", "replicas")).isEqualTo(2);
        Map<String, Object> pod = map(at(deployment, "spec", "template", "spec"));
        assertThat(pod.get("serviceAccountName")).isEqualTo("controller");
        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat((Integer) at(pod, "securityContext", "runAsUser")).isPositive();
        Map<String, Object> container = onlyContainer(pod);
        assertThat(list(container.get("args"))).first().isEqualTo("controller");
        assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(list(at(container, "securityContext", "capabilities", "drop"))).containsExactly("ALL");
        assertThat(at(container, "securityContext", "capabilities", "add")).isNull();
        assertProbesAndMetrics(container, "controller");
    }

    @Test
    void theSpeakerHasTheHostNetworkOnlyNetRawAndNetAdminAndItsNodeName() {
        Map<String, Object> daemonSet = manifests.get("DaemonSet", "speaker");
        Map<String, Object> pod = map(at(daemonSet, "spec", "template", "spec"));
        assertThat(pod.get("serviceAccountName")).isEqualTo("speaker");
        assertThat(pod.get("hostNetwork")).isEqualTo(true);
        assertThat(list(pod.get("tolerations")).stream().map(t -> map(t).get("key")))
                .contains("node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master");
        Map<String, Object> container = onlyContainer(pod);
        assertThat(list(container.get("args"))).first().isEqualTo("speaker");
        Map<String, Object> security = map(container.get("securityContext"));
        assertThat(security.get("privileged")).isEqualTo(false);
        assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(list(at(security, "capabilities", "drop"))).containsExactly("ALL");
        assertThat(list(at(security, "capabilities", "add"))).containsExactlyInAnyOrder("NET_RAW", "NET_ADMIN");
        assertThat(list(container.get("env")).stream().map(Manifests::map)
                .filter(e -> "METALLB_NODE_NAME".equals(e.get("name")))
                .map(e -> at(e, "valueFrom", "fieldRef", "fieldPath"))).containsExactly("spec.nodeName");
        assertProbesAndMetrics(container, "speaker");
    }

    @Test
    void theContainersArgsAreOptionsOfTheMetallbCommand() {
        for (Map<String, Object> workload : List.of(manifests.get("Deployment", "controller"),
                manifests.get("DaemonSet", "speaker"))) {
            List<String> args = list(onlyContainer(map(at(workload, "spec", "template", "spec"))).get("args"))
                    .stream().map(String::valueOf).toList();
            try {
                String[] argv = args.toArray(String[]::new);
                io.metallb.distribution.command.Metallb.commandLine(argv).parseArgs(argv);
            } catch (picocli.CommandLine.UnmatchedArgumentException e) {
                throw new AssertionError(args + ": " + e.getMessage(), e);
            } catch (picocli.CommandLine.MissingParameterException e) {
                // a required option the Pod gives through the environment (METALLB_NODE_NAME): not an args error
                assertThat(e.getMessage()).as(args.toString()).contains("--node-name");
            }
        }
    }

    @Test
    void theSpeakersJvmOptionsAreAcceptedByTheJdkAndTakeEffect() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(Manifests.speakerJavaOptions());
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // An unknown or malformed option makes the launcher exit 1 ("Unrecognized VM option").
        assertThat(java.exitValue()).as(command + "\n" + out).isZero();
        assertThat(out).containsPattern("\\bUseSerialGC\\s+= true")
                .containsPattern("\\bTieredStopAtLevel\\s+= 1\\b");
    }

    private void assertProbesAndMetrics(Map<String, Object> container, String component) {
        Map<String, Object> port = map(list(container.get("ports")).get(0));
        assertThat(port.get("containerPort")).isEqualTo(METRICS_PORT);
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/healthz");
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertThat(at(container, probe, "httpGet", "port")).isEqualTo(port.get("name"));
        }
        Map<String, Object> service = manifests.get("Service", component + "-metrics");
        assertThat(map(list(at(service, "spec", "ports")).get(0)).get("port")).isEqualTo(METRICS_PORT);
        assertThat(at(service, "spec", "selector", "component")).isEqualTo(component);
    }

    private static Map<String, Object> onlyContainer(Map<String, Object> pod) {
        List<Object> containers = list(pod.get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }
}
