package io.metallb.api.node;

import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.ExternalTrafficPolicy;
import io.metallb.api.service.Service;
import java.util.List;

/**
 * The rule every protocol shares: may this node announce this service? A pure function of its inputs.
 *
 * <p>A node is eligible when its network is available, it is not excluded from external load balancers by
 * label, one of the advertisement node selectors matches it (an empty list matches every node), and, for
 * {@code externalTrafficPolicy: Local}, at least one ready endpoint of the service runs on it (traffic arriving
 * there would otherwise be dropped).
 */
public final class NodeEligibility {

    private NodeEligibility() {
    }

    /**
     * @param nodeSelectors the node selectors of the advertisement being applied (empty: every node)
     * @param endpoints the service's endpoints, from all its EndpointSlices
     */
    public static Eligibility check(Node node, Service service, List<Endpoint> endpoints,
            List<LabelSelector> nodeSelectors) {
        if (node.networkUnavailable()) {
            return new Eligibility.Ineligible(Eligibility.Reason.NETWORK_UNAVAILABLE,
                    "node " + node.name() + " has condition NetworkUnavailable");
        }
        if (node.labels().containsKey(Node.EXCLUDE_FROM_LB_LABEL)) {
            return new Eligibility.Ineligible(Eligibility.Reason.EXCLUDED_BY_LABEL,
                    "node " + node.name() + " has label " + Node.EXCLUDE_FROM_LB_LABEL);
        }
        if (!LabelSelector.anyMatches(nodeSelectors, node.labels())) {
            return new Eligibility.Ineligible(Eligibility.Reason.NOT_SELECTED,
                    "node " + node.name() + " matches none of the node selectors " + nodeSelectors);
        }
        if (service.externalTrafficPolicy() == ExternalTrafficPolicy.LOCAL && !hasReadyEndpoint(node, endpoints)) {
            return new Eligibility.Ineligible(Eligibility.Reason.NO_LOCAL_ENDPOINT,
                    "externalTrafficPolicy Local and no ready endpoint of " + service.key() + " on " + node.name());
        }
        return Eligibility.ELIGIBLE;
    }

    /** True when some endpoint on {@code node} is ready. */
    public static boolean hasReadyEndpoint(Node node, List<Endpoint> endpoints) {
        for (Endpoint e : endpoints) {
            if (e.ready() && e.nodeName().filter(node.name()::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
