package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.metallb.api.service.ServiceKey;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps one ServiceL2Status per service this node announces over layer 2 ({@code status.node},
 * {@code serviceName}, {@code serviceNamespace}), labelled as MetalLB labels them, and deletes those of services
 * it stopped announcing. Writes only on change. Used from the speaker's worker thread.
 */
final class L2StatusWriter {

    static final ResourceDefinitionContext KIND = new ResourceDefinitionContext.Builder()
            .withGroup(MetalLbResources.GROUP).withVersion("v1beta1").withKind("ServiceL2Status")
            .withPlural("servicel2statuses").withNamespaced(true).build();

    private final KubernetesClient client;
    private final String namespace;
    private final String node;
    private Set<ServiceKey> written = Set.of();

    L2StatusWriter(KubernetesClient client, String namespace, String node) {
        this.client = client;
        this.namespace = namespace;
        this.node = node;
    }

    void write(Set<ServiceKey> announced) {
        var resources = client.genericKubernetesResources(KIND).inNamespace(namespace);
        for (ServiceKey key : announced) {
            if (written.contains(key)) {
                continue;
            }
            GenericKubernetesResource status = new GenericKubernetesResourceBuilder()
                    .withApiVersion(MetalLbResources.GROUP + "/v1beta1").withKind("ServiceL2Status")
                    .withNewMetadata().withName(name(key)).withNamespace(namespace)
                    .addToLabels("metallb.io/node", node).addToLabels("metallb.io/service-name", key.name())
                    .addToLabels("metallb.io/service-namespace", key.namespace()).endMetadata().build();
            GenericKubernetesResource stored = resources.resource(status).createOr(NonDeletingOperation::update);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("node", node);
            body.put("serviceName", key.name());
            body.put("serviceNamespace", key.namespace());
            body.put("interfaces", List.of());
            stored.setAdditionalProperty("status", body);
            resources.resource(stored).updateStatus();
        }
        for (ServiceKey key : written) {
            if (!announced.contains(key)) {
                resources.withName(name(key)).delete();
            }
        }
        written = new HashSet<>(announced);
    }

    /** A stable name per (node, service), within the 253 characters a name may have. */
    String name(ServiceKey key) {
        byte[] d = L2Election.digest(node + "/" + key);
        return "l2-" + HexFormat.of().formatHex(d, 0, 8);
    }
}
