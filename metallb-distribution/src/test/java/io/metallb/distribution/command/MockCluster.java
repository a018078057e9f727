package io.metallb.distribution.command;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Objects for fabric8's mock API server (CRUD mode) that the packaged commands are pointed at; tests only. */
public final class MockCluster {

    static final String NS = "metallb-system";

    private MockCluster() {
    }

    /** A kubeconfig for the mock API server, as a user would write one, written to {@code dir/kubeconfig}. */
    public static String kubeconfig(KubernetesClient client, Path dir) throws IOException {
        String url = client.getMasterUrl().toString();
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: mock",
                "  cluster:",
                "    server: " + url,
                "    insecure-skip-tls-verify: true",
                "users:",
                "- name: tester",
                "  user:",
                "    token: not-checked",
                "contexts:",
                "- name: mock",
                "  context:",
                "    cluster: mock",
                "    user: tester",
                "current-context: mock", ""));
        return file.toString();
    }

    /**
     * The environment that points fabric8's automatic configuration at the mock server the way a Pod's service
     * account does in a cluster (an API server URL, a bearer token and the cluster's CA certificate, no kubeconfig
     * file): the path the speaker DaemonSet takes. fabric8 parses a kubeconfig with its default serialization, which
     * builds its kind-to-class registry of every model jar on the module path: about 950 classes a Pod never loads,
     * so a measurement with {@code --kubeconfig} is not the DaemonSet's. The server's certificate is verified
     * against {@code caFile}, as a Pod verifies the API server's against its service account's ca.crt; trusting
     * every certificate instead skips the trust store and the certificate path checks a Pod pays for.
     */
    static Map<String, String> inClusterEnvironment(String masterUrl, String caFile) {
        return Map.of("KUBERNETES_MASTER", masterUrl, "KUBERNETES_AUTH_TOKEN", "not-checked",
                "KUBERNETES_CERTS_CA_FILE", caFile, "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
                "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    }

    /** As {@link #inClusterEnvironment(String, String)} for {@code server}, with its self-signed certificate. */
    static Map<String, String> inClusterEnvironment(KubernetesMockServer server, KubernetesClient client) {
        return inClusterEnvironment(client.getMasterUrl().toString(),
                server.getSelfSignedCertificate().certificatePath());
    }

    /** Node {@code node} and a Ready speaker Pod on it (labels app=metallb, component=speaker). */
    static void nodeWithReadySpeaker(KubernetesClient client, String node) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata().build()).create();
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("speaker-" + node)
                .withNamespace(NS).addToLabels("app", "metallb").addToLabels("component", "speaker").endMetadata()
                .withNewSpec().withNodeName(node).endSpec().withNewStatus().addNewCondition().withType("Ready")
                .withStatus("True").endCondition().endStatus().build()).create();
    }

    static GenericKubernetesResource pool(String name, String... addresses) {
        return object("IPAddressPool", name, Map.of("addresses", List.of(addresses)));
    }

    static GenericKubernetesResource object(String kind, String name, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("metallb.io/v1beta1");
        r.setKind(kind);
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        r.setAdditionalProperty("spec", new LinkedHashMap<>(spec));
        return r;
    }

    /** Creates or replaces a metallb.io object in {@link #NS}. */
    static void apply(KubernetesClient client, GenericKubernetesResource object) {
        String kind = object.getKind();
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup("metallb.io")
                .withVersion("v1beta1").withKind(kind).withPlural(kind.toLowerCase() + "s").withNamespaced(true)
                .build();
        client.genericKubernetesResources(context).inNamespace(NS).resource(object).createOr(o -> o.update());
    }

    /** A LoadBalancer Service with one TCP port 80 and a selector {@code app=NAME}. */
    /** The addresses in a Service's status (empty while it has none, or when the Service is gone). */
    public static java.util.List<String> ingressIps(KubernetesClient client, String namespace, String name) {
        io.fabric8.kubernetes.api.model.Service s = client.services().inNamespace(namespace).withName(name).get();
        if (s == null || s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null) {
            return java.util.List.of();
        }
        return s.getStatus().getLoadBalancer().getIngress().stream().map(i -> i.getIp()).toList();
    }

    /**
     * LoadBalancer Service number {@code i} with {@code ip} in its status and one ready endpoint on node n1: cluster
     * IP and endpoint 2001:db8:1::I and 2001:db8:2::I (hex) when {@code v6}, else 203.0.113.(100 + I) and
     * 203.0.113.(200 + I % 50).
     */
    static void announcedService(KubernetesClient client, String namespace, String name, String ip, boolean v6,
            int i) {
        Service s = lb(namespace, name, v6 ? "2001:db8:1::" + Integer.toHexString(i) : "203.0.113." + (100 + i))
                .editSpec().withIpFamilies(v6 ? "IPv6" : "IPv4").endSpec().build();
        Service created = client.services().inNamespace(namespace).resource(s).create();
        client.services().inNamespace(namespace).resource(new ServiceBuilder(created).editOrNewStatus()
                .withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer().endStatus().build())
                .updateStatus();
        client.discovery().v1().endpointSlices().inNamespace(namespace).resource(new EndpointSliceBuilder()
                .withNewMetadata().withName(name + "-1").addToLabels("kubernetes.io/service-name", name)
                .endMetadata().withAddressType(v6 ? "IPv6" : "IPv4").addNewEndpoint()
                .withAddresses(v6 ? "2001:db8:2::" + Integer.toHexString(i) : "203.0.113." + (200 + i % 50))
                .withNodeName("n1").withNewConditions().withReady(true).endConditions().endEndpoint().build())
                .create();
    }

    static ServiceBuilder lb(String namespace, String name, String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP(clusterIp).withClusterIPs(List.of(clusterIp))
                .addNewPort().withProtocol("TCP").withPort(80).endPort().addToSelector("app", name).endSpec();
    }
}
