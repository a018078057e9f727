package io.metallb.distribution.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.metallb.k8s.Crds;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's Kubernetes: fabric8's mock API server in CRUD mode on 127.0.0.1 at an ephemeral port, with
 * MetalLB's CRDs installed, the nodes, a Ready speaker Pod on each (what decides the live nodes), and helpers
 * that apply objects as {@code kubectl apply} would.
 */
final class DemoCluster implements AutoCloseable {

    static final String NAMESPACE = "metallb-system";
    static final Map<String, String> SPEAKER_LABELS = Map.of("app", "metallb", "component", "speaker");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final List<String> nodes;
    private final Set<String> namespaces = new TreeSet<>();
    private int services;

    DemoCluster(List<String> nodes) {
        this.nodes = List.copyOf(nodes);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        for (String name : Crds.NAMES) {
            client.apiextensions().v1().customResourceDefinitions().resource(client.getKubernetesSerialization()
                    .unmarshal(Crds.manifest(name), CustomResourceDefinition.class)).create();
        }
        namespace(NAMESPACE);
        for (String node : nodes) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
                    .addToLabels("kubernetes.io/hostname", node).endMetadata().build()).create();
            client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata()
                    .withName("speaker-" + node).withNamespace(NAMESPACE).addToLabels(SPEAKER_LABELS).endMetadata()
                    .withNewSpec().withNodeName(node).endSpec()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .endStatus().build()).create();
        }
    }

    KubernetesClient client() {
        return client;
    }

    /** Creates a metallb.io object (found by apiVersion and kind through the CRDs, as kubectl finds it). */
    void applyMetallbObject(Map<String, Object> object) {
        GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(object,
                GenericKubernetesResource.class);
        client.resource(r).inNamespace(r.getMetadata().getNamespace() == null ? NAMESPACE
                : r.getMetadata().getNamespace()).create();
    }

    /**
     * Creates a Service (in its namespace, made if new) and, for a service with a selector, an EndpointSlice with
     * one ready endpoint on every node, as a Deployment with one replica per node would give it.
     */
    Service applyService(Map<String, Object> object) {
        Service s = client.getKubernetesSerialization().convertValue(object, Service.class);
        String ns = s.getMetadata().getNamespace() == null ? "default" : s.getMetadata().getNamespace();
        s.getMetadata().setNamespace(ns);
        namespace(ns);
        Service created = client.services().inNamespace(ns).resource(s).create();
        int index = services++;
        if (s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty()) {
            EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata()
                    .withName(s.getMetadata().getName() + "-demo").withNamespace(ns)
                    .addToLabels("kubernetes.io/service-name", s.getMetadata().getName()).endMetadata()
                    .withAddressType("IPv4");
            for (int n = 0; n < nodes.size(); n++) {
                slice.addNewEndpoint().withAddresses(podAddress(index * nodes.size() + n))
                        .withNodeName(nodes.get(n)).withNewConditions().withReady(true).endConditions().endEndpoint();
            }
            client.discovery().v1().endpointSlices().inNamespace(ns).resource(slice.build()).create();
        }
        return created;
    }

    /** Pod addresses come from 198.51.100.192/26 (documentation space), .193 to .254, reused past 62 pods. */
    private static String podAddress(int index) {
        return "198.51.100." + (193 + index % 62);
    }

    private void namespace(String name) {
        if (namespaces.add(name)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                    .addToLabels("kubernetes.io/metadata.name", name).endMetadata().build()).create();
        }
    }

    /** Stops the client and the API server. */
    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
