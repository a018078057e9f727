package io.metallb.api.config;

import io.metallb.api.selector.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code L2Advertisement} ({@code metallb.io/v1beta1}): which pools are announced in layer 2, from which
 * nodes and on which interfaces. Empty pool lists and selectors mean every pool; empty node selectors mean
 * every node; empty interfaces mean every suitable interface.
 *
 * @param serviceSelectors the services (by label) this advertisement announces; empty: every service of the
 *     selected pools. A service with {@code allow-shared-ip} cannot be announced by an advertisement that has
 *     service selectors (MetalLB: {@code sharedIPWithServiceSelector}).
 * @param preferredNodeSelectors soft preferences for the layer 2 election among the nodes this advertisement
 *     selects: a higher summed weight wins before the sha256 order is consulted
 */
public record L2Advertisement(
        String name,
        List<String> ipAddressPools,
        List<LabelSelector> ipAddressPoolSelectors,
        List<LabelSelector> nodeSelectors,
        List<String> interfaces,
        List<LabelSelector> serviceSelectors,
        List<PreferredNodeSelector> preferredNodeSelectors) {

    public L2Advertisement {
        Objects.requireNonNull(name, "name");
        ipAddressPools = List.copyOf(ipAddressPools);
        ipAddressPoolSelectors = List.copyOf(ipAddressPoolSelectors);
        nodeSelectors = List.copyOf(nodeSelectors);
        interfaces = List.copyOf(interfaces);
        serviceSelectors = List.copyOf(serviceSelectors);
        preferredNodeSelectors = List.copyOf(preferredNodeSelectors);
    }

    /** An advertisement for every service, without node preferences (the shape before MetalLB 0.14/0.15). */
    public L2Advertisement(String name, List<String> ipAddressPools, List<LabelSelector> ipAddressPoolSelectors,
            List<LabelSelector> nodeSelectors, List<String> interfaces) {
        this(name, ipAddressPools, ipAddressPoolSelectors, nodeSelectors, interfaces, List.of(), List.of());
    }

    /** Whether this advertisement applies to a service with these labels (no service selector: every one). */
    public boolean selectsService(Map<String, String> serviceLabels) {
        return serviceSelectors.isEmpty() || LabelSelector.anyMatches(serviceSelectors, serviceLabels);
    }

    /** Whether this advertisement lets a node with these labels announce (no node selector: every node). */
    public boolean selectsNode(Map<String, String> nodeLabels) {
        return LabelSelector.anyMatches(nodeSelectors, nodeLabels);
    }

    /**
     * The election weight this advertisement gives a node: the sum of the weights of the preferences it matches,
     * and 0 for a node the advertisement does not select (MetalLB's {@code preferredNodeScores}).
     */
    public long preferenceScore(Map<String, String> nodeLabels) {
        if (preferredNodeSelectors.isEmpty() || !selectsNode(nodeLabels)) {
            return 0;
        }
        long total = 0;
        for (PreferredNodeSelector p : preferredNodeSelectors) {
            if (p.preference().matches(nodeLabels)) {
                total += p.weight();
            }
        }
        return total;
    }
}
