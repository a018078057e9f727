package io.metallb.l2.election;

import io.metallb.api.config.L2Advertisement;
import io.metallb.api.node.Endpoint;
import io.metallb.api.node.L2Election;
import io.metallb.api.node.Node;
import io.metallb.api.node.NodeEligibility;
import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The nodes a layer 2 election runs over for one service, as MetalLB's layer 2 {@code ShouldAnnounce} builds
 * them: the live speakers, minus nodes whose network is unavailable or that carry the exclude-from-load-balancers
 * label, kept only where one of the service's L2Advertisements selects them, and for
 * {@code externalTrafficPolicy: Local} only where a usable endpoint runs; all by the api's shared
 * {@link NodeEligibility} rule. Pure.
 */
public final class L2Candidates {

    private L2Candidates() {
    }

    /**
     * @param nodes the cluster's nodes
     * @param live the names of nodes whose speakers are alive
     * @param advertisements the L2Advertisements that apply to the service (already filtered by pool and
     *     service selectors)
     */
    public static Set<String> of(Collection<Node> nodes, Set<String> live, Service service, List<Endpoint> endpoints,
            List<L2Advertisement> advertisements) {
        Set<String> out = new TreeSet<>();
        if (advertisements.isEmpty()) {
            return out;
        }
        List<LabelSelector> selectors = selectors(advertisements);
        for (Node node : nodes) {
            if (live.contains(node.name())
                    && NodeEligibility.check(node, service, endpoints, selectors).isEligible()) {
                out.add(node.name());
            }
        }
        return out;
    }

    /** The service's owner: the election over its candidates, keyed by its first ingress address. */
    public static Optional<String> owner(Collection<Node> nodes, Set<String> live, Service service,
            List<Endpoint> endpoints, List<L2Advertisement> advertisements) {
        if (service.ingress().isEmpty()) {
            return Optional.empty();
        }
        return L2Election.owner(service.ingress().get(0), of(nodes, live, service, endpoints, advertisements));
    }

    /** One advertisement without node selectors selects every node, so the union is then "everything". */
    private static List<LabelSelector> selectors(List<L2Advertisement> advertisements) {
        List<LabelSelector> out = new ArrayList<>();
        for (L2Advertisement ad : advertisements) {
            if (ad.nodeSelectors().isEmpty()) {
                return List.of();
            }
            out.addAll(ad.nodeSelectors());
        }
        return out;
    }
}
