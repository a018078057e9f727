package io.metallb.api.config;

import io.metallb.api.net.IpRange;
import io.metallb.api.selector.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads an {@code IPAddressPool} spec or a legacy {@code address-pools} item's address fields
 * ({@code addressPoolFromCR}, {@code addressPoolServiceAllocationsFromCR}). Overlaps, within a pool or across
 * pools, are checked later by {@link CrossObjectChecks}, which sees every pool.
 */
final class PoolReader {
    private PoolReader() {
    }

    /**
     * The pool, or empty when any of its fields is wrong. {@code serviceAllocation} is read only when
     * {@code withServiceAllocation} (it does not exist in the legacy format).
     */
    static Optional<IpAddressPool> read(String name, Map<String, String> labels, Fields spec, Node origin,
            boolean withServiceAllocation) {
        int before = origin.errorCount();
        List<IpRange> addresses = addresses(spec.get("addresses"));
        boolean autoAssign = spec.get("autoAssign").bool().orElse(true);
        boolean avoidBuggy = spec.get("avoidBuggyIPs").bool().orElse(false);
        Optional<ServiceAllocation> allocation = withServiceAllocation
                ? serviceAllocation(spec.get("serviceAllocation"))
                : Optional.empty();
        spec.finish();
        if (origin.errorCount() != before) {
            return Optional.empty();
        }
        return Optional.of(new IpAddressPool(name, labels, addresses, autoAssign, avoidBuggy, allocation));
    }

    private static List<IpRange> addresses(Node node) {
        List<IpRange> out = new ArrayList<>();
        if (!node.require("a list of CIDRs or ranges")) {
            return out;
        }
        int before = node.errorCount();
        List<Node> items = node.items();
        if (items.isEmpty() && node.errorCount() == before) {
            // MetalLB: "pool has no prefixes defined"
            node.error("empty (expected: at least one CIDR or range)");
        }
        for (Node item : items) {
            if (!item.require("a CIDR or a range")) {
                continue;
            }
            // One entry holding a comma list ("a/28, b/28", Charmed MetalLB's form) is split, with a warning:
            // MetalLB itself wants one CIDR or range per entry.
            if (item.text().filter(t -> t.indexOf(',') >= 0).isPresent()) {
                item.warn("a comma-separated list in one entry; write one CIDR or range per entry for MetalLB");
                item.parsed(IpRange::parseList).ifPresent(out::addAll);
            } else {
                item.parsed(IpRange::parse).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<ServiceAllocation> serviceAllocation(Node node) {
        if (!node.present()) {
            return Optional.empty();
        }
        Fields f = node.fields();
        OptionalLong priority = f.get("priority").integer(0, Integer.MAX_VALUE);
        List<String> namespaces = f.get("namespaces").distinctTexts();
        List<LabelSelector> namespaceSelectors = SelectorReader.list(f.get("namespaceSelectors"));
        List<LabelSelector> serviceSelectors = SelectorReader.list(f.get("serviceSelectors"));
        f.finish();
        return Optional.of(new ServiceAllocation(
                priority.isPresent() ? OptionalInt.of((int) priority.getAsLong()) : OptionalInt.empty(),
                namespaces, namespaceSelectors, serviceSelectors));
    }
}
