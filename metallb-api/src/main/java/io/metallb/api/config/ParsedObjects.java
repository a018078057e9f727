package io.metallb.api.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects read so far, each kind in name order, before the checks that span objects. Readers of both
 * formats fill one of these; {@link CrossObjectChecks} then runs the same rules on either.
 */
final class ParsedObjects {
    final List<Sourced<IpAddressPool>> pools = new ArrayList<>();
    final List<Sourced<L2Advertisement>> l2Advertisements = new ArrayList<>();
    final List<Sourced<BgpAdvertisement>> bgpAdvertisements = new ArrayList<>();
    final List<Sourced<BgpPeer>> peers = new ArrayList<>();
    final List<Community> communities = new ArrayList<>();
    final List<BfdProfile> bfdProfiles = new ArrayList<>();
    /** Every Community alias defined so far, for resolving advertisement communities. */
    final Map<String, BgpCommunity> aliases = new HashMap<>();

    Config toConfig() {
        return Config.of(values(pools), values(l2Advertisements), values(bgpAdvertisements), values(peers),
                communities, bfdProfiles);
    }

    private static <T> List<T> values(List<Sourced<T>> list) {
        return list.stream().map(Sourced::value).toList();
    }
}
