package io.metallb.api.config;

import io.metallb.api.selector.LabelSelector;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A complete, validated configuration snapshot. Immutable; a new snapshot replaces an old one only after it
 * validated. Every collection is keyed by object name and iterates in name order, so anything computed from a
 * config is deterministic.
 */
public record Config(
        SortedMap<String, IpAddressPool> pools,
        SortedMap<String, L2Advertisement> l2Advertisements,
        SortedMap<String, BgpAdvertisement> bgpAdvertisements,
        SortedMap<String, BgpPeer> bgpPeers,
        SortedMap<String, Community> communities,
        SortedMap<String, BfdProfile> bfdProfiles) {

    /** The empty config: no pools, nothing announced. */
    public static final Config EMPTY = of(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public Config {
        pools = frozen(pools);
        l2Advertisements = frozen(l2Advertisements);
        bgpAdvertisements = frozen(bgpAdvertisements);
        bgpPeers = frozen(bgpPeers);
        communities = frozen(communities);
        bfdProfiles = frozen(bfdProfiles);
    }

    /** A config from lists of objects; names must be unique per kind (the parser checks this first). */
    public static Config of(
            Collection<IpAddressPool> pools,
            Collection<L2Advertisement> l2,
            Collection<BgpAdvertisement> bgp,
            Collection<BgpPeer> peers,
            Collection<Community> communities,
            Collection<BfdProfile> bfd) {
        return new Config(byName(pools, IpAddressPool::name), byName(l2, L2Advertisement::name),
                byName(bgp, BgpAdvertisement::name), byName(peers, BgpPeer::name),
                byName(communities, Community::name), byName(bfd, BfdProfile::name));
    }

    /** The pool called {@code name}, if any. */
    public Optional<IpAddressPool> pool(String name) {
        return Optional.ofNullable(pools.get(name));
    }

    /** The L2Advertisements that cover {@code pool}, in name order. */
    public List<L2Advertisement> l2AdvertisementsFor(IpAddressPool pool) {
        return l2Advertisements.values().stream()
                .filter(a -> selectsPool(a.ipAddressPools(), a.ipAddressPoolSelectors(), pool))
                .toList();
    }

    /** The BGPAdvertisements that cover {@code pool}, in name order. */
    public List<BgpAdvertisement> bgpAdvertisementsFor(IpAddressPool pool) {
        return bgpAdvertisements.values().stream()
                .filter(a -> selectsPool(a.ipAddressPools(), a.ipAddressPoolSelectors(), pool))
                .toList();
    }

    /**
     * MetalLB's pool selection for an advertisement: with neither names nor selectors it covers every pool;
     * otherwise a pool is covered when it is named or matched by any selector.
     */
    public static boolean selectsPool(List<String> names, List<LabelSelector> selectors, IpAddressPool pool) {
        if (names.isEmpty() && selectors.isEmpty()) {
            return true;
        }
        if (names.contains(pool.name())) {
            return true;
        }
        for (LabelSelector s : selectors) {
            if (s.matches(pool.labels())) {
                return true;
            }
        }
        return false;
    }

    private static <T> SortedMap<String, T> byName(Collection<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("duplicate name: " + name.apply(a));
        }, TreeMap::new));
    }

    private static <T> SortedMap<String, T> frozen(Map<String, T> m) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }
}
