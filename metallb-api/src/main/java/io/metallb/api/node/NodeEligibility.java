package io.metallb.api.node;

import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.ExternalTrafficPolicy;
import io.metallb.api.service.Service;
import java.util.List;

/**
 * The rule every protocol shares: may this node announce this service? A pure function of its inputs.
 *
 * <p>The checks run in the order of MetalLB's BGP {@code ShouldAnnounce}, and the first that fails is the reason:
 * one of the advertisement's node selectors matches the node (an empty list matches every node); the node's
 * network is available; the node is not excluded from external load balancers by label; and some endpoint
 * can serve ({@link Endpoint#canServe()}: ready, or else serving, so a terminating endpoint that still serves
 * counts) — on this node for {@code externalTrafficPolicy: Local}, since traffic arriving elsewhere would be
 * dropped, anywhere for {@code Cluster}. Layer 2 checks the same things, but the service-wide endpoint check
 * first; only the reason given when several fail differs.
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
        if (!LabelSelector.anyMatches(nodeSelectors, node.labels())) {
            return new Eligibility.Ineligible(Eligibility.Reason.NOT_SELECTED,
                    "node " + node.name() + " matches none of the node selectors " + nodeSelectors);
        }
        if (node.networkUnavailable()) {
            return new Eligibility.Ineligible(Eligibility.Reason.NETWORK_UNAVAILABLE,
                    "node " + node.name() + " has condition NetworkUnavailable");
        }
        if (node.labels().containsKey(Node.EXCLUDE_FROM_LB_LABEL)) {
            return new Eligibility.Ineligible(Eligibility.Reason.EXCLUDED_BY_LABEL,
                    "node " + node.name() + " has label " + Node.EXCLUDE_FROM_LB_LABEL);
        }
        if (service.externalTrafficPolicy() == ExternalTrafficPolicy.LOCAL) {
            if (!hasUsableEndpointOn(node, endpoints)) {
                return new Eligibility.Ineligible(Eligibility.Reason.NO_LOCAL_ENDPOINT,
                        "externalTrafficPolicy Local and no serving endpoint of " + service.key() + " on "
                                + node.name());
            }
        } else if (!hasUsableEndpoint(endpoints)) {
            return new Eligibility.Ineligible(Eligibility.Reason.NO_ENDPOINTS,
                    "no serving endpoint of " + service.key() + " on any node");
        }
        return Eligibility.ELIGIBLE;
    }

    /** True when some endpoint on {@code node} can serve. */
    public static boolean hasUsableEndpointOn(Node node, List<Endpoint> endpoints) {
        return endpoints.stream().anyMatch(e -> e.canServe() && e.isOn(node));
    }

    /** True when some endpoint, on any node or none, can serve. */
    public static boolean hasUsableEndpoint(List<Endpoint> endpoints) {
        return endpoints.stream().anyMatch(Endpoint::canServe);
    }
}
