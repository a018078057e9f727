package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.NodeCondition;
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

    static Node node(io.fabric8.kubernetes.api.model.Node n) {
        List<NodeCondition> conditions = n.getStatus() == null || n.getStatus().getConditions() == null ? List.of()
                : n.getStatus().getConditions();
        boolean unavailable = conditions.stream()
                .anyMatch(c -> "NetworkUnavailable".equals(c.getType()) && "True".equals(c.getStatus()));
        Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
        return new Node(n.getMetadata().getName(), labels, unavailable);
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
