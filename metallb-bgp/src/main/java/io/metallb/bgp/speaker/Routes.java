package io.metallb.bgp.speaker;

import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.net.IpPrefix;
import io.metallb.api.spi.Announcement;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Which prefixes one peer gets, with what: each announcement under each of its BGP advertisements that lets this
 * peer have it ({@code peers} empty or naming it), as its aggregate prefix ({@code aggregationLength}). An
 * aggregate stays while any address in it is announced. Pure.
 *
 * <p>This runs over every announcement whenever anything changes (100,000 in the benchmark), often in a JVM that
 * has not compiled it yet, so each advertisement is looked at once per peer ({@link #of}) and the loop is plain:
 * no streams, no per-announcement attribute objects, no sorted map (the session sorts only what it sends).
 */
final class Routes {
    /** The advertisements that let this peer have their prefixes, with the attributes they ask for. */
    private final Map<String, Usable> usable;

    private Routes(Map<String, Usable> usable) {
        this.usable = usable;
    }

    private record Usable(BgpAdvertisement advertisement, RouteAttributes attributes) {
    }

    /** What {@code peer} may be given under {@code config}'s advertisements. */
    static Routes of(Config config, BgpPeer peer) {
        Map<String, Usable> usable = new HashMap<>();
        config.bgpAdvertisements().forEach((name, adv) -> {
            if (adv.peers().isEmpty() || adv.peers().contains(peer.name())) {
                usable.put(name, new Usable(adv, RouteAttributes.of(adv)));
            }
        });
        return new Routes(usable);
    }

    /** Each prefix {@code a} gives the peer, with the attributes of the advertisement that gives it. */
    void forEach(Announcement a, BiConsumer<IpPrefix, RouteAttributes> out) {
        for (String name : a.advertisements()) {
            Usable u = usable.get(name);
            if (u != null) {
                int length = a.address().isV4() ? u.advertisement.aggregationLength()
                        : u.advertisement.aggregationLengthV6();
                out.accept(IpPrefix.containing(a.address(), length), u.attributes);
            }
        }
    }

    /** An unmodifiable map, in no particular order. */
    static Map<IpPrefix, RouteAttributes> forPeer(Config config, BgpPeer peer, Collection<Announcement> desired) {
        Routes routes = of(config, peer);
        if (routes.usable.isEmpty()) {
            return Map.of();
        }
        Map<IpPrefix, RouteAttributes> out = new HashMap<>(Math.max(16, desired.size() * 4 / 3 + 1));
        BiConsumer<IpPrefix, RouteAttributes> add = (prefix, attributes) -> {
            RouteAttributes had = out.putIfAbsent(prefix, attributes);
            if (had != null && !had.equals(attributes)) {
                out.put(prefix, had.merge(attributes));
            }
        };
        for (Announcement a : desired) {
            routes.forEach(a, add);
        }
        return Collections.unmodifiableMap(out);
    }
}
