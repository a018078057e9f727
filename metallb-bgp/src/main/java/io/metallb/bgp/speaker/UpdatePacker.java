package io.metallb.bgp.speaker;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import io.metallb.bgp.wire.AfiSafi;
import io.metallb.bgp.wire.Attribute;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.PathAttribute;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Packs a change of routes into as few UPDATEs as the message size allows: withdrawals first (IPv4 in the
 * withdrawn routes field, IPv6 in MP_UNREACH_NLRI), then one run of UPDATEs per distinct attribute set (IPv4 in
 * the NLRI field, IPv6 in MP_REACH_NLRI). Pure: the session decides what changed, this decides the bytes.
 */
final class UpdatePacker {
    /** Header (19), withdrawn length (2), attributes length (2). */
    private static final int FIXED = 23;
    /** An MP attribute's flags, code and 2-octet length, AFI and SAFI. */
    private static final int MP_HEADER = 4 + 3;

    private UpdatePacker() {
    }

    /**
     * Prefixes to announce that share one attribute list, by family, each in the order to send.
     *
     * @param attributes ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF, communities, but never NLRI attributes
     */
    record Group(List<PathAttribute> attributes, List<IpPrefix> v4, List<IpPrefix> v6) {
    }

    /**
     * @param withdrawn prefixes to withdraw
     * @param announced prefixes to announce, with the attributes each carries (ORIGIN, AS_PATH, NEXT_HOP,
     *     LOCAL_PREF, communities, but never NLRI attributes)
     * @param nextHopV6 the IPv6 next hops for MP_REACH_NLRI (global, and optionally link-local)
     */
    static List<Update> pack(Collection<IpPrefix> withdrawn, Map<IpPrefix, List<PathAttribute>> announced,
            List<IpAddress> nextHopV6, WireOptions options) {
        Map<List<PathAttribute>, Group> groups = new LinkedHashMap<>();
        // Equal lists are one group; the identity map spares hashing a shared list once per prefix.
        Map<List<PathAttribute>, Group> byInstance = new java.util.IdentityHashMap<>();
        announced.forEach((p, a) -> {
            Group g = byInstance.computeIfAbsent(a,
                    k -> groups.computeIfAbsent(k, x -> new Group(x, new ArrayList<>(), new ArrayList<>())));
            (p.family() == IpFamily.IPV4 ? g.v4() : g.v6()).add(p);
        });
        return pack(withdrawn, groups.values(), nextHopV6, options);
    }

    /** The same, for prefixes already grouped by attributes (what the session has at hand). */
    static List<Update> pack(Collection<IpPrefix> withdrawn, Collection<Group> announced,
            List<IpAddress> nextHopV6, WireOptions options) {
        int max = options.maxMessageLength();
        List<Update> out = new ArrayList<>();
        List<IpPrefix> v4 = withdrawn.stream().filter(p -> p.family() == IpFamily.IPV4).toList();
        List<IpPrefix> v6 = withdrawn.stream().filter(p -> p.family() == IpFamily.IPV6).toList();
        chunks(v4, max - FIXED, out, chunk -> new Update(chunk, List.of(), List.of()));
        chunks(v6, max - FIXED - MP_HEADER, out, chunk -> new Update(List.of(),
                List.of(PathAttribute.of(new Attribute.MpUnreach(AfiSafi.IPV6_UNICAST, chunk))), List.of()));
        for (Group g : announced) {
            List<PathAttribute> attributes = g.attributes();
            int base = BgpMessageCodec.encode(new Update(List.of(), attributes, List.of()), options).length;
            chunks(g.v4(), max - base, out, chunk -> new Update(List.of(), attributes, chunk));
            List<PathAttribute> without = attributes.stream()
                    .filter(a -> !(a.value() instanceof Attribute.NextHop)).toList();
            int base6 = BgpMessageCodec.encode(new Update(List.of(), without, List.of()), options).length;
            int hops = 1 + nextHopV6.size() * 16 + 1;
            chunks(g.v6(), max - base6 - MP_HEADER - hops, out, chunk -> {
                List<PathAttribute> all = new ArrayList<>(without);
                all.add(PathAttribute.of(new Attribute.MpReach(AfiSafi.IPV6_UNICAST, nextHopV6, chunk)));
                return new Update(List.of(), all, List.of());
            });
        }
        return out;
    }

    /** Cuts {@code prefixes} into runs whose encoded size fits {@code room}, each made into an UPDATE. */
    private static void chunks(List<IpPrefix> prefixes, int room, List<Update> out,
            Function<List<IpPrefix>, Update> make) {
        int start = 0;
        int used = 0;
        for (int i = 0; i < prefixes.size(); i++) {
            int size = 1 + (prefixes.get(i).length() + 7) / 8;
            if (used + size > room && i > start) {
                out.add(make.apply(prefixes.subList(start, i)));
                start = i;
                used = 0;
            }
            used += size;
        }
        if (start < prefixes.size()) {
            out.add(make.apply(prefixes.subList(start, prefixes.size())));
        }
    }
}
