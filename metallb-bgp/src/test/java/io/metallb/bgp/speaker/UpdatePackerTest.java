package io.metallb.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpCommunity;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import io.metallb.bgp.wire.Attribute;
import io.metallb.bgp.wire.BgpMessageCodec;
import io.metallb.bgp.wire.PathAttribute;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UpdatePackerTest {
    static final List<IpAddress> HOP6 = List.of(IpAddress.parse("2001:db8::1"));
    static final RouteBuilder EBGP = new RouteBuilder(64512, false, IpAddress.parse("198.51.100.1"));

    static List<IpPrefix> v4(int n) {
        return IntStream.range(0, n).mapToObj(i -> IpAddress.ofV4(0xC6336400 + i)).map(a -> new IpPrefix(a, 32))
                .toList();
    }

    static List<IpPrefix> v6(int n) {
        return IntStream.range(0, n).mapToObj(i -> IpAddress.ofV6(0x20010db800000000L, i))
                .map(a -> new IpPrefix(a, 128)).toList();
    }

    static Map<IpPrefix, List<PathAttribute>> same(List<IpPrefix> prefixes, RouteAttributes a) {
        Map<IpPrefix, List<PathAttribute>> m = new LinkedHashMap<>();
        prefixes.forEach(p -> m.put(p, EBGP.attributes(a)));
        return m;
    }

    static void assertFits(List<Update> updates, WireOptions options) {
        for (Update u : updates) {
            byte[] bytes = BgpMessageCodec.encode(u, options); // throws when over the limit
            assertThat(BgpMessageCodec.decode(bytes, options).message()).isEqualTo(u);
        }
    }

    static List<IpPrefix> announcedIn(List<Update> updates) {
        List<IpPrefix> all = new ArrayList<>();
        for (Update u : updates) {
            all.addAll(u.nlri());
            u.attribute(Attribute.MpReach.class).ifPresent(r -> all.addAll(r.nlri()));
        }
        return all;
    }

    @Test
    void equalAttributesShareUpdatesUpToTheMessageSize() {
        List<IpPrefix> prefixes = v4(2000);
        List<Update> updates = UpdatePacker.pack(List.of(), same(prefixes, RouteAttributes.NONE), HOP6,
                WireOptions.INITIAL);
        assertFits(updates, WireOptions.INITIAL);
        assertThat(announcedIn(updates)).containsExactlyElementsOf(prefixes);
        // 5 bytes per /32; the attributes take 4+7+7 = 18 of the 4096 - 23: 811 per UPDATE, so 3 UPDATEs.
        assertThat(updates).hasSize(3);
        List<Update> extended = UpdatePacker.pack(List.of(), same(prefixes, RouteAttributes.NONE), HOP6,
                WireOptions.MODERN);
        assertThat(extended).hasSize(1);
        assertFits(extended, WireOptions.MODERN);
    }

    @Test
    void ipv6GoesInMpReachWithoutNextHopAttribute() {
        List<IpPrefix> prefixes = v6(1000);
        List<Update> updates = UpdatePacker.pack(List.of(), same(prefixes, RouteAttributes.NONE), HOP6,
                WireOptions.INITIAL);
        assertFits(updates, WireOptions.INITIAL);
        assertThat(announcedIn(updates)).containsExactlyElementsOf(prefixes);
        assertThat(updates).allSatisfy(u -> {
            assertThat(u.attribute(Attribute.NextHop.class)).isEmpty();
            assertThat(u.attribute(Attribute.MpReach.class).orElseThrow().nextHops()).isEqualTo(HOP6);
        });
        // 17 bytes per /128 into 4096 - 23 - 11 - 7 - 18: 237 per UPDATE.
        assertThat(updates).hasSize(5);
    }

    @Test
    void differentAttributesGoInDifferentUpdates() {
        RouteAttributes tagged = new RouteAttributes(OptionalLong.empty(),
                List.of(new BgpCommunity.Standard(64512, 7)), List.of(new BgpCommunity.Large(64512, 1, 2)));
        Map<IpPrefix, List<PathAttribute>> m = new LinkedHashMap<>(same(v4(3), RouteAttributes.NONE));
        m.putAll(same(List.of(IpPrefix.parse("203.0.113.7/32")), tagged));
        List<Update> updates = UpdatePacker.pack(List.of(), m, HOP6, WireOptions.INITIAL);
        assertThat(updates).hasSize(2);
        assertThat(updates.get(1).attribute(Attribute.Communities.class)).isPresent();
    }

    @Test
    void withdrawalsArePackedPerFamily() {
        List<IpPrefix> gone = new ArrayList<>(v4(1000));
        gone.addAll(v6(300));
        List<Update> updates = UpdatePacker.pack(gone, Map.of(), HOP6, WireOptions.INITIAL);
        assertFits(updates, WireOptions.INITIAL);
        // 5000 bytes of IPv4 need 2 UPDATEs; 5100 bytes of IPv6 need 2.
        assertThat(updates).hasSize(4);
        assertThat(updates.stream().mapToInt(u -> u.withdrawn().size()).sum()).isEqualTo(1000);
        assertThat(updates.stream().flatMap(u -> u.attribute(Attribute.MpUnreach.class).stream())
                .mapToInt(u -> u.withdrawn().size()).sum()).isEqualTo(300);
    }

    @Test
    void nothingToDoIsNoUpdate() {
        assertThat(UpdatePacker.pack(List.of(), Map.of(), HOP6, WireOptions.INITIAL)).isEmpty();
    }

    @Test
    void ibgpCarriesLocalPrefAndAnEmptyPath() {
        RouteBuilder ibgp = new RouteBuilder(64512, true, IpAddress.parse("198.51.100.1"));
        List<PathAttribute> a = ibgp.attributes(new RouteAttributes(OptionalLong.of(150), List.of(), List.of()));
        assertThat(a).contains(PathAttribute.of(Attribute.AsPath.EMPTY),
                PathAttribute.of(new Attribute.LocalPref(150)));
        assertThat(EBGP.attributes(RouteAttributes.NONE)).contains(PathAttribute.of(Attribute.AsPath.sequence(64512)))
                .noneMatch(p -> p.value() instanceof Attribute.LocalPref);
    }
}
