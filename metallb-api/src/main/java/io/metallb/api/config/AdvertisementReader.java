package io.metallb.api.config;

import io.metallb.api.selector.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads {@code L2Advertisement} and {@code BGPAdvertisement} specs ({@code l2AdvertisementFromCR},
 * {@code bgpAdvertisementFromCR}) and the legacy {@code bgp-advertisements} items. Checks that need the pools
 * (aggregation lengths, LOCAL_PREF conflicts) are in {@link CrossObjectChecks}.
 */
final class AdvertisementReader {
    private static final long MAX_LOCAL_PREF = 0xFFFF_FFFFL;

    private AdvertisementReader() {
    }

    static Optional<L2Advertisement> readL2(String name, Fields spec, Node origin) {
        int before = origin.errorCount();
        List<String> pools = spec.get("ipAddressPools").distinctTexts();
        List<LabelSelector> poolSelectors = SelectorReader.list(spec.get("ipAddressPoolSelectors"));
        List<LabelSelector> nodeSelectors = SelectorReader.list(spec.get("nodeSelectors"));
        List<LabelSelector> serviceSelectors = SelectorReader.list(spec.get("serviceSelectors"));
        List<PreferredNodeSelector> preferred = preferences(spec.get("preferredNodeSelectors"));
        List<String> interfaces = new ArrayList<>();
        for (Node item : spec.get("interfaces").distinctTextItems()) {
            String iface = (String) item.raw();
            if (iface.isBlank()) {
                item.error("\"" + iface + "\" (expected: a network interface name)");
            }
            interfaces.add(iface);
        }
        spec.finish();
        if (origin.errorCount() != before) {
            return Optional.empty();
        }
        return Optional.of(new L2Advertisement(name, pools, poolSelectors, nodeSelectors, interfaces,
                serviceSelectors, preferred));
    }

    /** {@code preferredNodeSelectors}: each item a {@code weight} (1..100) and a {@code preference} selector. */
    private static List<PreferredNodeSelector> preferences(Node list) {
        List<PreferredNodeSelector> out = new ArrayList<>();
        for (Node item : list.items()) {
            if (!item.require("a weight and a preference")) {
                continue;
            }
            Fields f = item.fields();
            Node weightNode = f.get("weight");
            OptionalLong weight = weightNode.require("a whole number in 1..100")
                    ? weightNode.integer(PreferredNodeSelector.MIN_WEIGHT, PreferredNodeSelector.MAX_WEIGHT)
                    : OptionalLong.empty();
            Node preferenceNode = f.get("preference");
            Optional<LabelSelector> preference = preferenceNode.require("a label selector")
                    ? SelectorReader.selector(preferenceNode) : Optional.empty();
            f.finish();
            if (weight.isPresent() && preference.isPresent()) {
                out.add(new PreferredNodeSelector((int) weight.getAsLong(), preference.get()));
            }
        }
        return out;
    }

    /** A CRD BGPAdvertisement: the shared BGP fields plus pool, node and peer selection. */
    static Optional<BgpAdvertisement> readBgp(String name, Fields spec, Node origin, Map<String, BgpCommunity> aliases) {
        return readBgp(name, spec, origin, aliases, Optional.empty());
    }

    /**
     * The BGP fields; {@code legacyPool} present means a legacy {@code bgp-advertisements} item, which belongs
     * to that pool only and to every peer and node.
     */
    static Optional<BgpAdvertisement> readBgp(String name, Fields spec, Node origin,
            Map<String, BgpCommunity> aliases, Optional<String> legacyPool) {
        int before = origin.errorCount();
        int minV4 = legacyPool.isPresent() ? 0 : 1; // the CRD sets minimum 1; v0.12 had no lower bound
        int v4 = (int) spec.get("aggregationLength").integer(minV4, 32).orElse(32);
        int v6 = (int) spec.get("aggregationLengthV6").integer(0, 128).orElse(128);
        OptionalLong localPref = spec.get("localPref").integer(0, MAX_LOCAL_PREF);
        List<BgpCommunity> communities = communities(spec.get("communities"), aliases);
        List<String> pools = legacyPool.map(List::of).orElseGet(() -> spec.get("ipAddressPools").distinctTexts());
        List<LabelSelector> poolSelectors = legacyPool.isPresent() ? List.of()
                : SelectorReader.list(spec.get("ipAddressPoolSelectors"));
        List<LabelSelector> nodeSelectors = legacyPool.isPresent() ? List.of()
                : SelectorReader.list(spec.get("nodeSelectors"));
        List<String> peers = legacyPool.isPresent() ? List.of() : spec.get("peers").distinctTexts();
        List<LabelSelector> serviceSelectors = List.of();
        if (legacyPool.isEmpty()) {
            Node selectors = spec.get("serviceSelectors");
            serviceSelectors = SelectorReader.list(selectors);
            // MetalLB: "serviceSelectors and aggregationLength are mutually exclusive"
            if (!serviceSelectors.isEmpty() && (v4 != 32 || v6 != 128)) {
                selectors.error("cannot be combined with aggregationLength " + v4 + " / aggregationLengthV6 " + v6
                        + " (expected: no serviceSelectors, or aggregationLength 32 and aggregationLengthV6 128)");
            }
        }
        spec.finish();
        if (origin.errorCount() != before) {
            return Optional.empty();
        }
        return Optional.of(new BgpAdvertisement(name, v4, v6, localPref, communities, pools, poolSelectors,
                nodeSelectors, peers, serviceSelectors));
    }

    private static List<BgpCommunity> communities(Node node, Map<String, BgpCommunity> aliases) {
        List<BgpCommunity> out = new ArrayList<>();
        for (Node item : node.distinctTextItems()) {
            CommunityReader.resolve(item, (String) item.raw(), aliases).ifPresent(out::add);
        }
        return out;
    }
}
