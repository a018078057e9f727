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
     * @param withdrawn prefixes to withdraw
     * @param announced prefixes to announce, with the attributes each carries (ORIGIN, AS_PATH, NEXT_HOP,
     *     LOCAL_PREF, communities, but never NLRI attributes)
     * @param nextHopV6 the IPv6 next hops for MP_REACH_NLRI (global, and optionally link-local)
     */
    static List<Update> pack(Collection<IpPrefix> withdrawn, Map<IpPrefix, List<PathAttribute>> announced,
            List<IpAddress> nextHopV6, WireOptions options) {
        int max = options.maxMessageLength();
        List<Update> out = new ArrayList<>();
        List<IpPrefix> v4 = withdrawn.stream().filter(p -> p.family() == IpFamily.IPV4).toList();
        List<IpPrefix> v6 = withdrawn.stream().filter(p -> p.family() == IpFamily.IPV6).toList();
        chunks(v4, max - FIXED, out, chunk -> new Update(chunk, List.of(), List.of()));
        chunks(v6, max - FIXED - MP_HEADER, out, chunk -> new Update(List.of(),
                List.of(PathAttribute.of(new Attribute.MpUnreach(AfiSafi.IPV6_UNICAST, chunk))), List.of()));

        Map<List<PathAttribute>, List<IpPrefix>> groups = new LinkedHashMap<>();
        // Equal lists are one group; the identity map spares hashing a shared list once per prefix.
        Map<List<PathAttribute>, List<IpPrefix>> byInstance = new java.util.IdentityHashMap<>();
        announced.forEach((p, a) -> byInstance.computeIfAbsent(a,
                k -> groups.computeIfAbsent(k, x -> new ArrayList<>())).add(p));
        groups.forEach((attributes, prefixes) -> {
            int base = BgpMessageCodec.encode(new Update(List.of(), attributes, List.of()), options).length;
            List<IpPrefix> p4 = prefixes.stream().filter(p -> p.family() == IpFamily.IPV4).toList();
            List<IpPrefix> p6 = prefixes.stream().filter(p -> p.family() == IpFamily.IPV6).toList();
            chunks(p4, max - base, out, chunk -> new Update(List.of(), attributes, chunk));
            List<PathAttribute> without = attributes.stream()
                    .filter(a -> !(a.value() instanceof Attribute.NextHop)).toList();
            int base6 = BgpMessageCodec.encode(new Update(List.of(), without, List.of()), options).length;
            int hops = 1 + nextHopV6.size() * 16 + 1;
            chunks(p6, max - base6 - MP_HEADER - hops, out, chunk -> {
                List<PathAttribute> all = new ArrayList<>(without);
                all.add(PathAttribute.of(new Attribute.MpReach(AfiSafi.IPV6_UNICAST, nextHopV6, chunk)));
                return new Update(List.of(), all, List.of());
            });
        });
        return out;
    }

    /** Cuts {@code prefixes} into runs whose encoded size fits {@code room}, each made into an UPDATE. */
    private static void chunks(List<IpPrefix> prefixes, int room, List<Update> out,
            Function<List<IpPrefix>, Update> make) {
        List<IpPrefix> chunk = new ArrayList<>();
        int used = 0;
        for (IpPrefix p : prefixes) {
            int size = 1 + (p.length() + 7) / 8;
            if (used + size > room && !chunk.isEmpty()) {
                out.add(make.apply(chunk));
                chunk = new ArrayList<>();
                used = 0;
            }
            chunk.add(p);
            used += size;
        }
        if (!chunk.isEmpty()) {
            out.add(make.apply(chunk));
        }
    }
}
