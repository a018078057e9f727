package io.metallb.api.config;

import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpRange;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@code IPAddressPool} ({@code metallb.io/v1beta1}): the addresses the controller may hand out.
 *
 * @param name object name
 * @param labels object labels, matched by {@code ipAddressPoolSelectors}
 * @param addresses the pool's ranges (CIDRs and {@code start-end} ranges alike), in the order written
 * @param autoAssign whether services that ask for no pool may get an address here (default true)
 * @param avoidBuggyIps skip IPv4 addresses ending in .0 and .255
 * @param serviceAllocation restricts which services may use the pool, and with which priority
 */
public record IpAddressPool(
        String name,
        Map<String, String> labels,
        List<IpRange> addresses,
        boolean autoAssign,
        boolean avoidBuggyIps,
        Optional<ServiceAllocation> serviceAllocation) {

    public IpAddressPool {
        Objects.requireNonNull(name, "name");
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(serviceAllocation, "serviceAllocation");
    }

    /** A pool with defaults: no labels, autoAssign, no buggy-IP avoidance, no service allocation. */
    public static IpAddressPool of(String name, List<IpRange> addresses) {
        return new IpAddressPool(name, Map.of(), addresses, true, false, Optional.empty());
    }

    /** True when the pool has at least one range of {@code family}. */
    public boolean hasFamily(IpFamily family) {
        return addresses.stream().anyMatch(r -> r.family() == family);
    }

    /** The ranges of one family, in order. */
    public List<IpRange> ranges(IpFamily family) {
        return addresses.stream().filter(r -> r.family() == family).toList();
    }
}
