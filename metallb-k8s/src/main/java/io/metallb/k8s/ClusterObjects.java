package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.metallb.api.node.Endpoint;
import io.metallb.api.node.Node;
import io.metallb.api.service.ServiceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps Kubernetes Nodes and EndpointSlices (discovery.k8s.io/v1) to the api's records. */
final class ClusterObjects {

    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private ClusterObjects() {
    }

    static Node node(GenericKubernetesResource n) {
        Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
        return new Node(n.getMetadata().getName(), labels, hasCondition(n, "NetworkUnavailable"));
    }

    /**
     * Whether a Pod's or Node's {@code status.conditions} holds {@code type} with status {@code "True"}; a missing
     * or malformed list holds nothing.
     */
    static boolean hasCondition(GenericKubernetesResource object, String type) {
        if (!(object.get("status", "conditions") instanceof List<?> conditions)) {
            return false;
        }
        for (Object c : conditions) {
            if (c instanceof Map<?, ?> condition && type.equals(condition.get("type"))
                    && "True".equals(condition.get("status"))) {
                return true;
            }
        }
        return false;
    }

    /** The endpoints of every service, from all its slices; slices without the service-name label are skipped. */
    static Map<ServiceKey, List<Endpoint>> endpoints(List<EndpointSlice> slices) {
        Map<ServiceKey, List<Endpoint>> out = new HashMap<>();
        for (EndpointSlice slice : slices) {
            Map<String, String> labels = slice.getMetadata().getLabels();
            String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
            if (service == null || slice.getEndpoints() == null) {
                continue;
            }
            List<Endpoint> list = out.computeIfAbsent(new ServiceKey(slice.getMetadata().getNamespace(), service),
                    k -> new ArrayList<>());
            for (var e : slice.getEndpoints()) {
                EndpointConditions c = e.getConditions();
                // Kubernetes: an absent ready condition means true, absent serving/terminating mean false.
                boolean ready = c == null || c.getReady() == null || c.getReady();
                boolean serving = c != null && Boolean.TRUE.equals(c.getServing());
                boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
                list.add(new Endpoint(Optional.ofNullable(e.getNodeName()), ready, serving, terminating));
            }
        }
        return out;
    }
}
