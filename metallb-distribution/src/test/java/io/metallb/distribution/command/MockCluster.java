package io.metallb.distribution.command;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Objects for fabric8's mock API server (CRUD mode) that the packaged commands are pointed at; tests only. */
public final class MockCluster {

    static final String NS = "metallb-system";

    private MockCluster() {
    }

    /** A kubeconfig for the mock API server, as a user would write one, written to {@code dir/kubeconfig}. */
    public static String kubeconfig(KubernetesClient client, Path dir) throws IOException {
        return kubeconfig(client.getMasterUrl().toString(), dir);
    }

    /** A kubeconfig for the API server at {@code url}, as a user would write one, written to {@code dir/kubeconfig}. */
    static String kubeconfig(String url, Path dir) throws IOException {
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

    /**
     * As {@link #inClusterEnvironment(String, String)} for {@code server} reached through {@code front}, with the
     * certificate both present.
     */
    static Map<String, String> inClusterEnvironment(KubernetesMockServer server, StreamingApiServer front) {
        return inClusterEnvironment(front.url(), server.getSelfSignedCertificate().certificatePath());
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
        announcedService(client, namespace, name, ip, v6, i, false);
    }

    /**
     * As {@link #announcedService(KubernetesClient, String, String, String, boolean, int)}; {@code asApplied}
     * also gives both objects the metadata a cluster's own carry: the Service the annotation {@code kubectl apply}
     * leaves (the whole manifest again, as JSON) and the managedFields of kubectl, the controller that wrote its
     * status and the API server; the EndpointSlice kube-controller-manager's managedFields, labels, owner and the
     * endpoint's Pod reference and zone. The mock API server adds none of these.
     */
    static void announcedService(KubernetesClient client, String namespace, String name, String ip, boolean v6,
            int i, boolean asApplied) {
        String clusterIp = v6 ? "2001:db8:1::" + Integer.toHexString(i) : "203.0.113." + (100 + i);
        String family = v6 ? "IPv6" : "IPv4";
        ServiceBuilder builder = lb(namespace, name, clusterIp).editSpec().withIpFamilies(family).endSpec();
        if (asApplied) {
            builder.editMetadata().addToAnnotations("kubectl.kubernetes.io/last-applied-configuration",
                    "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"annotations\":{},\"name\":\""
                            + name + "\",\"namespace\":\"" + namespace + "\"},\"spec\":{\"ports\":[{\"port\":80,"
                            + "\"protocol\":\"TCP\",\"targetPort\":8080}],\"selector\":{\"app\":\"" + name
                            + "\"},\"type\":\"LoadBalancer\"}}\n")
                    .withManagedFields(managedField("kubectl-client-side-apply", "Update", "",
                            Map.of("f:metadata", Map.of("f:annotations", Map.of(".", Map.of(),
                                    "f:kubectl.kubernetes.io/last-applied-configuration", Map.of())),
                            "f:spec", Map.of("f:allocateLoadBalancerNodePorts", Map.of(),
                                    "f:externalTrafficPolicy", Map.of(), "f:internalTrafficPolicy", Map.of(),
                                    "f:ports", Map.of(".", Map.of(), "k:{\"port\":80,\"protocol\":\"TCP\"}",
                                            Map.of(".", Map.of(), "f:port", Map.of(), "f:protocol", Map.of(),
                                                    "f:targetPort", Map.of())),
                                    "f:selector", Map.of(), "f:sessionAffinity", Map.of(), "f:type", Map.of()))),
                            managedField("metallb-controller", "Update", "status",
                                    Map.of("f:status", Map.of("f:loadBalancer", Map.of("f:ingress", Map.of())))))
                    .endMetadata();
        }
        Service created = client.services().inNamespace(namespace).resource(builder.build()).create();
        client.services().inNamespace(namespace).resource(new ServiceBuilder(created).editOrNewStatus()
                .withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer().endStatus().build())
                .updateStatus();
        EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata().withName(name + "-1")
                .addToLabels("kubernetes.io/service-name", name).endMetadata().withAddressType(family)
                .addNewEndpoint().withAddresses(v6 ? "2001:db8:2::" + Integer.toHexString(i)
                        : "203.0.113." + (200 + i % 50)).withNodeName("n1").withNewConditions().withReady(true)
                .endConditions().endEndpoint();
        if (asApplied) {
            slice.editMetadata().withGenerateName(name + "-")
                    .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                    .addToAnnotations("endpoints.kubernetes.io/last-change-trigger-time", "2026-11-22T10:00:00Z")
                    .addNewOwnerReference().withApiVersion("v1").withKind("Service")
                    .withName(name).withUid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
                    .withController(true).withBlockOwnerDeletion(true).endOwnerReference()
                    .withManagedFields(managedField("kube-controller-manager", "Update", "",
                            Map.of("f:addressType", Map.of(), "f:endpoints", Map.of(), "f:metadata",
                                    Map.of("f:annotations", Map.of(".", Map.of(),
                                            "f:endpoints.kubernetes.io/last-change-trigger-time", Map.of()),
                                            "f:generateName", Map.of(), "f:labels", Map.of(".", Map.of(),
                                                    "f:endpointslice.kubernetes.io/managed-by", Map.of(),
                                                    "f:kubernetes.io/service-name", Map.of()),
                                            "f:ownerReferences", Map.of(".", Map.of(), "k:{\"uid\":\"x\"}", Map.of())),
                                    "f:ports", Map.of())))
                    .endMetadata().editFirstEndpoint().withNewTargetRef().withKind("Pod").withNamespace(namespace)
                    .withName(name + "-7d4b9c8f6-x2x7q").withUid(UUID.nameUUIDFromBytes((name + "-pod").getBytes(
                            StandardCharsets.UTF_8)).toString()).endTargetRef().withZone("zone-a")
                    .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions()
                    .endEndpoint().addNewPort().withName("").withPort(8080).withProtocol("TCP").endPort();
        }
        client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice.build()).create();
    }

    private static ManagedFieldsEntry managedField(String manager, String operation, String subresource,
            Map<String, Object> fields) {
        ManagedFieldsEntry entry = new ManagedFieldsEntryBuilder().withManager(manager).withOperation(operation)
                .withApiVersion("v1").withTime("2026-11-22T10:00:00Z").withFieldsType("FieldsV1")
                .withNewFieldsV1().endFieldsV1().build();
        entry.getFieldsV1().setAdditionalProperties(new LinkedHashMap<>(fields));
        if (!subresource.isEmpty()) {
            entry.setSubresource(subresource);
        }
        return entry;
    }

    static ServiceBuilder lb(String namespace, String name, String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP(clusterIp).withClusterIPs(List.of(clusterIp))
                .addNewPort().withProtocol("TCP").withPort(80).endPort().addToSelector("app", name).endSpec();
    }
}
