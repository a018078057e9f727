package io.metallb.bgp.wire;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.metallb.api.config.BgpCommunity;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.quicktheories.core.Gen;

/** QuickTheories generators of valid messages: each decodes, on a MODERN session, to itself with no error. */
final class BgpGenerators {
    private static final Set<Integer> KNOWN_ATTRIBUTES = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 17, 18, 32);
    private static final Set<Integer> KNOWN_CAPABILITIES = Set.of(1, 2, 6, 64, 65);

    private BgpGenerators() {
    }

    static Gen<Long> u32() {
        return longs().between(0, 0xFFFF_FFFFL).mix(arbitrary().pick(0L, 23456L, 64512L, 0xFFFF_FFFFL), 20);
    }

    static Gen<IpAddress> v4() {
        return integers().all().map(IpAddress::ofV4);
    }

    static Gen<IpAddress> v6() {
        return longs().all().zip(longs().all(), IpAddress::ofV6);
    }

    static Gen<IpPrefix> prefix(IpFamily family) {
        Gen<IpAddress> address = family == IpFamily.IPV4 ? v4() : v6();
        return address.zip(integers().between(0, family.bits()), IpPrefix::new);
    }

    static Gen<Bytes> bytes(int max) {
        return lists().of(integers().between(0, 255)).ofSizeBetween(0, max).map(l -> {
            byte[] b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) l.get(i);
            }
            return Bytes.of(b);
        });
    }

    static Gen<AsPathSegment> segment() {
        return integers().between(1, 4).zip(lists().of(u32()).ofSizeBetween(1, 6), AsPathSegment::new);
    }

    static Gen<AfiSafi> ipFamily() {
        return arbitrary().pick(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST);
    }

    static Gen<Attribute.MpReach> mpReach() {
        Gen<Attribute.MpReach> v4 = v4().zip(lists().of(prefix(IpFamily.IPV4)).ofSizeBetween(1, 20),
                (h, n) -> new Attribute.MpReach(AfiSafi.IPV4_UNICAST, List.of(h), n));
        Gen<Attribute.MpReach> v6 = lists().of(v6()).ofSizeBetween(1, 2).zip(
                lists().of(prefix(IpFamily.IPV6)).ofSizeBetween(1, 20),
                (h, n) -> new Attribute.MpReach(AfiSafi.IPV6_UNICAST, h, n));
        return v4.mix(v6);
    }

    static Gen<Attribute.MpUnreach> mpUnreach() {
        return arbitrary().pick(IpFamily.IPV4, IpFamily.IPV6).flatMap(f -> lists().of(prefix(f))
                .ofSizeBetween(0, 20).map(p -> new Attribute.MpUnreach(
                        f == IpFamily.IPV4 ? AfiSafi.IPV4_UNICAST : AfiSafi.IPV6_UNICAST, p)));
    }

    /** Optional attributes, at most one per code (repeats are discarded by RFC 7606 §3 (g)). */
    static Gen<List<PathAttribute>> optionals() {
        Gen<PathAttribute> med = u32().map(v -> PathAttribute.of(new Attribute.MultiExitDisc(v)));
        Gen<PathAttribute> pref = u32().map(v -> PathAttribute.of(new Attribute.LocalPref(v)));
        Gen<PathAttribute> atomic = arbitrary().constant(PathAttribute.of(new Attribute.AtomicAggregate()));
        Gen<PathAttribute> aggregator = u32().zip(v4(), (a, ip) -> PathAttribute.of(new Attribute.Aggregator(a, ip)));
        Gen<PathAttribute> as4Aggregator = u32().zip(v4(),
                (a, ip) -> PathAttribute.of(new Attribute.As4Aggregator(a, ip)));
        Gen<PathAttribute> communities = lists().of(integers().all()).ofSizeBetween(1, 80).map(l -> PathAttribute.of(
                new Attribute.Communities(l.stream().map(v -> new BgpCommunity.Standard(v >>> 16, v & 0xFFFF))
                        .toList())));
        Gen<PathAttribute> large = lists().of(u32()).ofSizeBetween(1, 30).map(l -> PathAttribute.of(
                new Attribute.LargeCommunities(l.stream().map(v -> new BgpCommunity.Large(v, v >>> 1, 7)).toList())));
        Gen<PathAttribute> as4Path = lists().of(segment()).ofSizeBetween(0, 3)
                .map(s -> PathAttribute.of(new Attribute.As4Path(s)));
        Gen<PathAttribute> unknown = integers().between(19, 31).zip(arbitrary().pick(0x80, 0xC0, 0xE0), bytes(300),
                (c, f, b) -> new PathAttribute(f, new Attribute.Unknown(c, b)));
        Gen<PathAttribute> reach = mpReach().map(PathAttribute::of);
        Gen<PathAttribute> unreach = mpUnreach().map(PathAttribute::of);
        List<Gen<PathAttribute>> all = List.of(med, pref, atomic, aggregator, as4Aggregator, communities, large,
                as4Path, unknown, reach, unreach);
        return lists().of(integers().between(0, 1)).ofSize(all.size()).flatMap(mask -> {
            Gen<List<PathAttribute>> acc = arbitrary().constant(List.of());
            for (int i = 0; i < all.size(); i++) {
                if (mask.get(i) == 1) {
                    Gen<PathAttribute> g = all.get(i);
                    acc = acc.zip(g, (l, a) -> {
                        List<PathAttribute> n = new ArrayList<>(l);
                        n.add(a);
                        return n;
                    });
                }
            }
            return acc;
        });
    }

    static Gen<Update> update() {
        Gen<List<IpPrefix>> prefixes = lists().of(prefix(IpFamily.IPV4)).ofSizeBetween(0, 30);
        Gen<List<PathAttribute>> mandatory = integers().between(0, 2).zip(lists().of(segment()).ofSizeBetween(0, 3),
                v4(), (o, s, hop) -> List.of(PathAttribute.of(new Attribute.Origin(o)),
                        PathAttribute.of(new Attribute.AsPath(s)), PathAttribute.of(new Attribute.NextHop(hop))));
        return prefixes.zip(prefixes, mandatory, optionals(), (w, n, m, o) -> {
            List<PathAttribute> attributes = new ArrayList<>(m);
            attributes.addAll(o);
            return new Update(w, attributes, n);
        });
    }

    static Gen<Capability> capability() {
        Gen<Capability> mp = integers().between(0, 0xFFFF).zip(integers().between(0, 255),
                (a, s) -> new Capability.Multiprotocol(new AfiSafi(a, s)));
        Gen<Capability> four = u32().map(Capability.FourOctetAs::new);
        Gen<Capability> gr = integers().between(0, 15).zip(integers().between(0, 4095),
                lists().of(ipFamily().zip(integers().between(0, 255), Capability.GracefulRestart.Family::new))
                        .ofSizeBetween(0, 2), Capability.GracefulRestart::new);
        Gen<Capability> unknown = integers().between(0, 255).map(c -> KNOWN_CAPABILITIES.contains(c) ? c + 100 : c)
                .zip(bytes(8), Capability.Unknown::new);
        return mp.mix(four).mix(gr).mix(unknown).mix(arbitrary().pick(new Capability.RouteRefresh(),
                new Capability.ExtendedMessage()), 20);
    }

    static Gen<Open> open() {
        Gen<Integer> hold = integers().between(0, 0xFFFF).map(h -> h == 1 || h == 2 ? h + 2 : h);
        Gen<Long> id = u32().map(i -> i == 0 ? 1 : i);
        // At most 4 parameters of 3 capabilities of at most 12 bytes: within the 255-byte parameters field.
        Gen<List<List<Capability>>> parameters = lists().of(lists().of(capability()).ofSizeBetween(0, 3))
                .ofSizeBetween(0, 4);
        return integers().between(0, 0xFFFF).zip(hold, id, parameters, Open::new);
    }

    static Gen<BgpMessage> message() {
        Gen<BgpMessage> notification = integers().between(0, 255).zip(integers().between(0, 255), bytes(40),
                Notification::new);
        Gen<BgpMessage> refresh = integers().between(0, 0xFFFF).zip(integers().between(0, 255),
                integers().between(0, 255), (a, st, s) -> new RouteRefresh(new AfiSafi(a, s), st));
        Gen<BgpMessage> keepalive = arbitrary().constant(Keepalive.INSTANCE);
        return update().map(u -> (BgpMessage) u).mix(open().map(o -> (BgpMessage) o), 30).mix(notification, 15)
                .mix(refresh, 10).mix(keepalive, 5);
    }

    static boolean isKnownAttribute(int code) {
        return KNOWN_ATTRIBUTES.contains(code);
    }
}
