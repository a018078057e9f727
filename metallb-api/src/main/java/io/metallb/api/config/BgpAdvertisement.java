package io.metallb.api.config;

import io.metallb.api.selector.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A {@code BGPAdvertisement} ({@code metallb.io/v1beta1}): how the addresses of some pools are announced to
 * BGP peers.
 *
 * @param aggregationLength IPv4 prefix length announced for each address (default 32)
 * @param aggregationLengthV6 IPv6 prefix length announced for each address (default 128)
 * @param localPref LOCAL_PREF for iBGP peers, if set
 * @param communities resolved communities (aliases already replaced by their values)
 * @param peers names of the BGPPeers that get these routes (empty: all peers)
 * @param serviceSelectors the services (by label) this advertisement announces (empty: every service of the
 *     selected pools); only with aggregation lengths 32 and 128, as MetalLB requires
 */
public record BgpAdvertisement(
        String name,
        int aggregationLength,
        int aggregationLengthV6,
        OptionalLong localPref,
        List<BgpCommunity> communities,
        List<String> ipAddressPools,
        List<LabelSelector> ipAddressPoolSelectors,
        List<LabelSelector> nodeSelectors,
        List<String> peers,
        List<LabelSelector> serviceSelectors) {

    public BgpAdvertisement {
        Objects.requireNonNull(name, "name");
        if (aggregationLength < 0 || aggregationLength > 32) {
            throw new IllegalArgumentException("aggregationLength: " + aggregationLength + " (expected: 0..32)");
        }
        if (aggregationLengthV6 < 0 || aggregationLengthV6 > 128) {
            throw new IllegalArgumentException("aggregationLengthV6: " + aggregationLengthV6
                    + " (expected: 0..128)");
        }
        Objects.requireNonNull(localPref, "localPref");
        communities = List.copyOf(communities);
        ipAddressPools = List.copyOf(ipAddressPools);
        ipAddressPoolSelectors = List.copyOf(ipAddressPoolSelectors);
        nodeSelectors = List.copyOf(nodeSelectors);
        peers = List.copyOf(peers);
        serviceSelectors = List.copyOf(serviceSelectors);
        if (!serviceSelectors.isEmpty() && (aggregationLength != 32 || aggregationLengthV6 != 128)) {
            throw new IllegalArgumentException("serviceSelectors need aggregationLength 32 and aggregationLengthV6"
                    + " 128, not " + aggregationLength + " and " + aggregationLengthV6);
        }
    }

    /** An advertisement for every service of its pools (the shape before MetalLB 0.14). */
    public BgpAdvertisement(String name, int aggregationLength, int aggregationLengthV6, OptionalLong localPref,
            List<BgpCommunity> communities, List<String> ipAddressPools, List<LabelSelector> ipAddressPoolSelectors,
            List<LabelSelector> nodeSelectors, List<String> peers) {
        this(name, aggregationLength, aggregationLengthV6, localPref, communities, ipAddressPools,
                ipAddressPoolSelectors, nodeSelectors, peers, List.of());
    }

    /** Whether this advertisement applies to a service with these labels (no service selector: every one). */
    public boolean selectsService(Map<String, String> serviceLabels) {
        return serviceSelectors.isEmpty() || LabelSelector.anyMatches(serviceSelectors, serviceLabels);
    }

    /**
     * Whether this advertisement and {@code other}, both applying to one service on one node, would send the
     * same route with different LOCAL_PREF values (MetalLB's speaker withdraws such a service with reason
     * {@code conflictingAdvertisements}).
     */
    public boolean conflictsOnOneNode(BgpAdvertisement other, IpAddressPool pool) {
        return !LocalPrefChecks.compatibleOnOneNode(this, other, pool);
    }

    /** Whether this advertisement lets a node with these labels announce (no node selector: every node). */
    public boolean selectsNode(Map<String, String> nodeLabels) {
        return LabelSelector.anyMatches(nodeSelectors, nodeLabels);
    }
}
