package io.metallb.api.config;

import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import io.metallb.api.net.IpRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules that span objects, run once every object has been read on its own: address overlaps, references
 * (BFD profiles, pools, peers), aggregation lengths against pool prefixes and BFD echo on IPv6. LOCAL_PREF
 * conflicts are in {@link LocalPrefChecks}. Pools and advertisements are visited in name order, as MetalLB sorts
 * objects by name, so the later object of a conflicting pair is the one named in the error.
 */
final class CrossObjectChecks {
    private CrossObjectChecks() {
    }

    static void check(ParsedObjects p) {
        overlaps(p.pools);
        bfdReferences(p);
        references(p);
        aggregation(p);
        LocalPrefChecks.check(p);
        bfdEchoOnIpv6(p);
    }

    /** An accepted pool entry, kept to name it when a later entry overlaps it. */
    private record Entry(IpRange range, String pool, String path) {
    }

    /**
     * MetalLB's {@code cidrsOverlap}, over every entry of every pool in order, earlier entries of the same pool
     * included, so a duplicated entry is an overlap too.
     */
    private static void overlaps(List<Sourced<IpAddressPool>> pools) {
        List<Entry> accepted = new ArrayList<>();
        for (Sourced<IpAddressPool> pool : pools) {
            for (Node node : addressNodes(pool)) {
                for (IpRange r : rangesOf(node)) {
                    Entry clash = accepted.stream().filter(e -> e.range().overlaps(r)).findFirst().orElse(null);
                    if (clash == null) {
                        accepted.add(new Entry(r, pool.value().name(), node.path()));
                    } else {
                        node.error(r + " overlaps " + clash.range() + " of pool \"" + clash.pool() + "\" ("
                                + clash.path() + ")");
                    }
                }
            }
        }
    }

    /** The ranges one {@code addresses} entry holds (a comma list holds several); none if unreadable. */
    private static List<IpRange> rangesOf(Node entry) {
        return entry.text().map(t -> {
            try {
                return t.indexOf(',') >= 0 ? IpRange.parseList(t) : List.of(IpRange.parse(t));
            } catch (IllegalArgumentException e) {
                return List.<IpRange>of();
            }
        }).orElse(List.of());
    }

    private static List<Node> addressNodes(Sourced<IpAddressPool> pool) {
        return pool.origin().fields().get("addresses").items();
    }

    private static void bfdReferences(ParsedObjects p) {
        Set<String> profiles = p.bfdProfiles.stream().map(BfdProfile::name).collect(Collectors.toSet());
        for (Sourced<BgpPeer> peer : p.peers) {
            peer.value().bfdProfile().filter(b -> !profiles.contains(b)).ifPresent(b -> peer.origin().fields()
                    .get("bfdProfile").error("\"" + b + "\" names no BFDProfile"));
        }
    }

    /** Unknown pool and peer names are ignored by MetalLB; a warning says so, since it is likely a typo. */
    private static void references(ParsedObjects p) {
        Set<String> pools = p.pools.stream().map(s -> s.value().name()).collect(Collectors.toSet());
        Set<String> peers = p.peers.stream().map(s -> s.value().name()).collect(Collectors.toSet());
        for (Sourced<L2Advertisement> ad : p.l2Advertisements) {
            warnUnknown(ad.origin(), "ipAddressPools", ad.value().ipAddressPools(), pools, "IPAddressPool");
        }
        for (Sourced<BgpAdvertisement> ad : p.bgpAdvertisements) {
            warnUnknown(ad.origin(), "ipAddressPools", ad.value().ipAddressPools(), pools, "IPAddressPool");
            warnUnknown(ad.origin(), "peers", ad.value().peers(), peers, "BGPPeer");
        }
    }

    private static void warnUnknown(Node origin, String field, List<String> names, Set<String> known, String kind) {
        for (String n : names) {
            if (!known.contains(n)) {
                origin.fields().get(field).warn("\"" + n + "\" names no " + kind + "; ignored, as MetalLB does");
            }
        }
    }

    /**
     * {@code validateBGPAdvPerPool}: per pool entry, the aggregation length of the entry's family must not be
     * shorter than the shortest prefix of the entry's CIDR decomposition; otherwise the aggregate would cover
     * addresses outside the pool.
     */
    private static void aggregation(ParsedObjects p) {
        for (Sourced<BgpAdvertisement> ad : p.bgpAdvertisements) {
            for (Sourced<IpAddressPool> pool : p.pools) {
                if (!selects(ad.value(), pool.value())) {
                    continue;
                }
                for (IpRange r : pool.value().addresses()) {
                    boolean v4 = r.family() == IpFamily.IPV4;
                    int length = v4 ? ad.value().aggregationLength() : ad.value().aggregationLengthV6();
                    int shortest = r.toPrefixes().stream().mapToInt(IpPrefix::length).min().orElse(0);
                    if (length < shortest) {
                        ad.origin().fields().get(v4 ? "aggregationLength" : "aggregationLengthV6").error(length
                                + " is shorter than prefix length " + shortest + " of " + r + " in pool \""
                                + pool.value().name() + "\" (expected: " + shortest + " or more)");
                    }
                }
            }
        }
    }

    /** {@code validateConfig}: BFD echo mode cannot run on sessions that carry IPv6 pool routes. */
    private static void bfdEchoOnIpv6(ParsedObjects p) {
        Set<String> echo = p.bfdProfiles.stream().filter(BfdProfile::echoMode).map(BfdProfile::name)
                .collect(Collectors.toSet());
        for (Sourced<IpAddressPool> pool : p.pools) {
            if (!pool.value().hasFamily(IpFamily.IPV6)) {
                continue;
            }
            for (Sourced<BgpAdvertisement> ad : p.bgpAdvertisements) {
                if (!selects(ad.value(), pool.value())) {
                    continue;
                }
                for (Sourced<BgpPeer> peer : p.peers) {
                    BgpPeer v = peer.value();
                    boolean targeted = ad.value().peers().isEmpty() || ad.value().peers().contains(v.name());
                    if (targeted && v.bfdProfile().filter(echo::contains).isPresent()) {
                        peer.origin().fields().get("bfdProfile").error("\"" + v.bfdProfile().get()
                                + "\" has echo mode, which cannot run with IPv6 pool \"" + pool.value().name()
                                + "\" advertised by \"" + ad.value().name() + "\" (expected: echoMode false)");
                    }
                }
            }
        }
    }

    static boolean selects(BgpAdvertisement ad, IpAddressPool pool) {
        return Config.selectsPool(ad.ipAddressPools(), ad.ipAddressPoolSelectors(), pool);
    }
}
