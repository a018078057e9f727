package io.metallb.distribution.command;

import static io.metallb.distribution.command.MockCluster.NS;
import static io.metallb.distribution.command.MockCluster.apply;
import static io.metallb.distribution.command.MockCluster.lb;
import static io.metallb.distribution.command.MockCluster.object;
import static io.metallb.distribution.command.MockCluster.pool;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.metallb.distribution.manifests.Manifests;
import io.metallb.distribution.metrics.Exposition;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The training run behind the image's AppCDS archive (src/main/image/train-cds.sh runs it, as root, inside a
 * network namespace of its own that holds only loopback): fabric8's mock API server on 127.0.0.1 with a pool, an
 * L2Advertisement, a BGPPeer and BGPAdvertisement, and Services with addresses and endpoints on this node; then
 * {@code metallb speaker} exactly as the image runs it (the image's runtime and paths, through {@code chroot} of
 * the staged file system, with the DaemonSet's JVM options) and {@code -XX:ArchiveClassesAtExit}. Once every
 * Service is announced it is stopped with SIGTERM, and writes the archive as it exits.
 *
 * <p>Nothing leaves the namespace: the layer 2 announcer finds no interface but loopback (which it never uses),
 * and the BGP peer's address (203.0.113.1) has no route there.
 *
 * <p>Arguments: ROOT (the staged file system, with the jars where the image has them) and ARCHIVE (its path
 * inside ROOT).
 */
public final class CdsTraining {

    private static final int SERVICES = 6;

    /** Held: a logger only weakly referenced loses its level. The mock server and this client log per request. */
    private static final Logger FABRIC8_LOG = Logger.getLogger("io.fabric8");

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CdsTraining ROOT ARCHIVE");
        }
        Path root = Path.of(args[0]);
        String archive = args[1];
        FABRIC8_LOG.setLevel(Level.SEVERE);
        // CRUD mode, over TLS as an API server is.
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), true);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        try (KubernetesClient client = server.createClient()) {
            cluster(client);
            List<String> command = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c",
                    "mount -t proc proc \"$0/proc\" && mount -t sysfs sysfs \"$0/sys\" && exec chroot \"$0\" \"$@\"", root.toString(),
                    "/opt/metallb/runtime/bin/java"));
            command.addAll(Manifests.speakerJavaOptions());
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "--module-path",
                    "/opt/metallb/app/libs:/opt/metallb/app/classpath", "-m", "io.metallb.distribution", "speaker",
                    "--namespace", NS, "--node-name", "n1", "--metrics-port", "0", "--host", "127.0.0.1",
                    "--log-format", "json"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            Map<String, String> environment = new HashMap<>(MockCluster.inClusterEnvironment(client));
            // The staged file system has no /etc/hosts: the address, not "localhost".
            environment.put("KUBERNETES_MASTER", "https://127.0.0.1:" + server.getPort());
            pb.environment().putAll(environment);
            try (MetallbProcess speaker = MetallbProcess.of(pb.start())) {
                try {
                    MetallbProcess.await(SERVICES + " services announced", () -> announced(speaker) == SERVICES);
                } catch (AssertionError e) {
                    System.err.println(speaker.get("/metrics").body());
                    speaker.logs().forEach(System.err::println);
                    throw e;
                }
                int exit = speaker.stop();
                if (exit != 0) {
                    throw new IllegalStateException("the training speaker exited with " + exit);
                }
            }
        } finally {
            server.destroy();
        }
        Path written = root.resolve(archive.substring(1));
        if (!Files.isRegularFile(written) || Files.size(written) == 0) {
            throw new IllegalStateException("no archive written at " + written);
        }
        System.out.println("AppCDS archive " + archive + ": " + Files.size(written) / 1024 + " KiB");
    }

    private static void cluster(KubernetesClient client) {
        MockCluster.nodeWithReadySpeaker(client, "n1");
        apply(client, pool("v4", "198.51.100.0/28"));
        apply(client, pool("v6", "2001:db8::/124"));
        apply(client, object("L2Advertisement", "l2", Map.of("ipAddressPools", List.of("v4"))));
        apply(client, object("BGPPeer", "router", Map.of("myASN", 64512, "peerASN", 64513,
                "peerAddress", "203.0.113.1")));
        apply(client, object("BGPAdvertisement", "bgp", Map.of("ipAddressPools", List.of("v6"))));
        for (int i = 1; i <= SERVICES; i++) {
            boolean v6 = i % 2 == 0;
            String ip = v6 ? "2001:db8::" + i : "198.51.100." + i;
            String name = "svc-" + i;
            Service s = lb("default", name, v6 ? "2001:db8:1::" + i : "203.0.113." + (100 + i)).editSpec()
                    .withIpFamilies(v6 ? "IPv6" : "IPv4").endSpec().build();
            Service created = client.services().inNamespace("default").resource(s).create();
            client.services().inNamespace("default").resource(new ServiceBuilder(created).editOrNewStatus()
                    .withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer().endStatus()
                    .build()).updateStatus();
            client.discovery().v1().endpointSlices().inNamespace("default").resource(new EndpointSliceBuilder()
                    .withNewMetadata().withName(name + "-1").addToLabels("kubernetes.io/service-name", name)
                    .endMetadata().withAddressType(v6 ? "IPv6" : "IPv4").addNewEndpoint()
                    .withAddresses(v6 ? "2001:db8:2::" + i : "203.0.113." + (200 + i)).withNodeName("n1")
                    .withNewConditions().withReady(true).endConditions().endEndpoint().build()).create();
        }
    }

    /** How many addresses the speaker's metrics say it announces, by any protocol. */
    private static int announced(MetallbProcess speaker) {
        return (int) Exposition.parse(speaker.get("/metrics").body()).samples("metallb_speaker_announced").stream()
                .map(s -> s.labels().get("ip")).distinct().count();
    }
}
