package io.metallb.api.config;

import io.metallb.api.selector.LabelSelector;
import java.util.List;
import java.util.Objects;

/**
 * An {@code L2Advertisement} ({@code metallb.io/v1beta1}): which pools are announced in layer 2, from which
 * nodes and on which interfaces. Empty pool lists and selectors mean every pool; empty node selectors mean
 * every node; empty interfaces mean every suitable interface.
 */
public record L2Advertisement(
        String name,
        List<String> ipAddressPools,
        List<LabelSelector> ipAddressPoolSelectors,
        List<LabelSelector> nodeSelectors,
        List<String> interfaces) {

    public L2Advertisement {
        Objects.requireNonNull(name, "name");
        ipAddressPools = List.copyOf(ipAddressPools);
        ipAddressPoolSelectors = List.copyOf(ipAddressPoolSelectors);
        nodeSelectors = List.copyOf(nodeSelectors);
        interfaces = List.copyOf(interfaces);
    }
}
