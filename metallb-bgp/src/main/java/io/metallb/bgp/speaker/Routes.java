package io.metallb.bgp.speaker;

import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpPrefix;
import io.metallb.api.spi.Announcement;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which prefixes one peer gets, with what: each announcement under each of its BGP advertisements that lets this
 * peer have it ({@code peers} empty or naming it), as its aggregate prefix ({@code aggregationLength}). An
 * aggregate stays while any address in it is announced. Pure.
 */
final class Routes {
    private Routes() {
    }

    static Map<IpPrefix, RouteAttributes> forPeer(Config config, BgpPeer peer, Collection<Announcement> desired) {
        Map<IpPrefix, RouteAttributes> out = new TreeMap<>();
        for (Announcement a : desired) {
            for (String name : a.advertisements()) {
                BgpAdvertisement adv = config.bgpAdvertisements().get(name);
                if (adv == null || !(adv.peers().isEmpty() || adv.peers().contains(peer.name()))) {
                    continue;
                }
                int length = a.address().isV4() ? adv.aggregationLength() : adv.aggregationLengthV6();
                out.merge(IpPrefix.containing(a.address(), length), RouteAttributes.of(adv), RouteAttributes::merge);
            }
        }
        return out;
    }
}
