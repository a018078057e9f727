package io.metallb.api.config;

import io.metallb.api.selector.LabelSelector;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code IPAddressPool.spec.serviceAllocation}: pins a pool to some namespaces or services and orders pools.
 *
 * @param priority lower is tried first; pools without a priority come after all pools with one
 * @param namespaces namespace names allowed (empty: no restriction by name)
 * @param namespaceSelectors namespace label selectors (empty: no restriction by label)
 * @param serviceSelectors service label selectors (empty: no restriction)
 */
public record ServiceAllocation(
        OptionalInt priority,
        List<String> namespaces,
        List<LabelSelector> namespaceSelectors,
        List<LabelSelector> serviceSelectors) {

    public ServiceAllocation {
        java.util.Objects.requireNonNull(priority, "priority");
        namespaces = List.copyOf(namespaces);
        namespaceSelectors = List.copyOf(namespaceSelectors);
        serviceSelectors = List.copyOf(serviceSelectors);
    }
}
