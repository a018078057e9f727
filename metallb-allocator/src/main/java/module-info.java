/**
 * metallb-allocator: hands out addresses from IPAddressPools with MetalLB's semantics (pool order, sharing,
 * dual-stack, requested IPs and pools, restart recovery), in O(log n) per allocation whatever the pool fill.
 */
module io.metallb.allocator {
    requires transitive io.metallb.api;
    requires com.google.common;
    requires it.unimi.dsi.fastutil.core;
    // Only the walk-through reads YAML; embedders of the allocator do not need snakeyaml.
    requires static org.yaml.snakeyaml;

    exports io.metallb.allocator;

    uses io.metallb.api.spi.AllocatorProvider;

    provides io.metallb.api.spi.AllocatorProvider with io.metallb.allocator.DefaultAllocatorProvider;
}
