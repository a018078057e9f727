package io.metallb.api.config;

import io.metallb.api.selector.LabelSelector;
import java.util.List;
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
        List<String> peers) {

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
    }
}
