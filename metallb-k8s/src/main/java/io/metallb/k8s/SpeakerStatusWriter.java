package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.metallb.api.service.ServiceKey;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps one ServiceL2Status (or ServiceBGPStatus) per service this node announces with that protocol, labelled
 * as MetalLB labels them ({@code metallb.io/node}, {@code metallb.io/service-name},
 * {@code metallb.io/service-namespace}), and deletes those of services it stopped announcing. Writes only what
 * changed. Used from the speaker's worker thread.
 */
final class SpeakerStatusWriter {

    static final ResourceDefinitionContext L2 = kind("ServiceL2Status", "servicel2statuses");
    static final ResourceDefinitionContext BGP = kind("ServiceBGPStatus", "servicebgpstatuses");

    private final KubernetesClient client;
    private final ResourceDefinitionContext kind;
    private final String namespace;
    private final String node;
    private Map<ServiceKey, Map<String, Object>> written = Map.of();

    SpeakerStatusWriter(KubernetesClient client, ResourceDefinitionContext kind, String namespace, String node) {
        this.client = client;
        this.kind = kind;
        this.namespace = namespace;
        this.node = node;
    }

    private static ResourceDefinitionContext kind(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(MetalLbResources.GROUP).withVersion("v1beta1")
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    /** @param extra per announced service, the protocol's own status fields ({@code interfaces}, {@code peers}) */
    void write(Map<ServiceKey, Map<String, Object>> extra) {
        var resources = client.genericKubernetesResources(kind).inNamespace(namespace);
        Map<ServiceKey, Map<String, Object>> now = new HashMap<>();
        extra.forEach((key, fields) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("node", node);
            body.put("serviceName", key.name());
            body.put("serviceNamespace", key.namespace());
            body.putAll(fields);
            now.put(key, body);
            if (Objects.equals(written.get(key), body)) {
                return;
            }
            GenericKubernetesResource status = new GenericKubernetesResourceBuilder()
                    .withApiVersion(MetalLbResources.GROUP + "/v1beta1").withKind(kind.getKind())
                    .withNewMetadata().withName(name(key)).withNamespace(namespace)
                    .addToLabels("metallb.io/node", node).addToLabels("metallb.io/service-name", key.name())
                    .addToLabels("metallb.io/service-namespace", key.namespace()).endMetadata().build();
            GenericKubernetesResource stored = resources.resource(status).createOr(NonDeletingOperation::update);
            stored.setAdditionalProperty("status", body);
            resources.resource(stored).updateStatus();
        });
        for (ServiceKey key : written.keySet()) {
            if (!now.containsKey(key)) {
                resources.withName(name(key)).delete();
            }
        }
        written = now;
    }

    /** A stable name per (kind, node, service), short whatever the names' lengths. */
    String name(ServiceKey key) {
        byte[] d;
        try {
            d = java.security.MessageDigest.getInstance("SHA-256").digest((kind.getKind() + "/" + node + "/" + key)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        return (kind == L2 ? "l2-" : "bgp-") + HexFormat.of().formatHex(d, 0, 8);
    }
}
