package io.metallb.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import io.metallb.bgp.wire.Attribute;
import io.metallb.bgp.wire.Update;
import io.metallb.bgp.wire.WireOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class RouteDiffTest {
    static final RouteBuilder EBGP = new RouteBuilder(64512, false, IpAddress.parse("198.51.100.1"));
    static final List<IpAddress> HOP6 = List.of(IpAddress.parse("2001:db8::1"));

    /** IPv4 prefixes of any length, clustered so that equal addresses with different lengths occur. */
    static Gen<IpPrefix> v4() {
        return integers().between(0, 4095).zip(integers().between(0, 32),
                (a, len) -> IpPrefix.containing(IpAddress.ofV4(0xC6336400 + a * 7919), len));
    }

    static Gen<IpPrefix> v6() {
        return integers().between(0, 4095).zip(integers().between(0, 128),
                (a, len) -> IpPrefix.containing(IpAddress.ofV6(0x20010db800000000L, a * 7919L), len));
    }

    @Test
    void primitiveSortOfIpv4IsTheNaturalOrder() {
        qt().withExamples(300).forAll(lists().of(v4()).ofSizeBetween(0, 400)).checkAssert(prefixes -> {
            List<IpPrefix> ours = new ArrayList<>(prefixes);
            List<IpPrefix> natural = new ArrayList<>(prefixes);
            RouteDiff.sortPrefixes(ours);
            natural.sort(null);
            assertThat(ours).containsExactlyElementsOf(natural);
        });
    }

    @Test
    void mixedFamiliesSortByComparison() {
        qt().withExamples(100).forAll(lists().of(v4()).ofSizeBetween(0, 50), lists().of(v6()).ofSizeBetween(1, 50))
                .checkAssert((four, six) -> {
                    List<IpPrefix> ours = new ArrayList<>(six);
                    ours.addAll(four);
                    List<IpPrefix> natural = new ArrayList<>(ours);
                    RouteDiff.sortPrefixes(ours);
                    natural.sort(null);
                    assertThat(ours).containsExactlyElementsOf(natural);
                });
    }

    @Test
    void sendsOnlyTheDifferenceInPrefixOrder() {
        IpPrefix a = IpPrefix.parse("198.51.100.3/32");
        IpPrefix b = IpPrefix.parse("198.51.100.1/32");
        IpPrefix c = IpPrefix.parse("2001:db8::9/128");
        IpPrefix gone = IpPrefix.parse("198.51.100.2/32");
        RouteAttributes same = RouteAttributes.NONE;
        RouteDiff d = RouteDiff.between(Map.of(a, same, b, same, c, same), Map.of(b, same, gone, same), true, true,
                EBGP, HOP6, WireOptions.INITIAL);
        assertThat(d.updates()).hasSize(3);
        assertThat(d.updates().get(0).withdrawn()).containsExactly(gone);
        assertThat(d.updates().get(1).nlri()).containsExactly(a);
        assertThat(d.updates().get(2).attribute(Attribute.MpReach.class).orElseThrow().nlri()).containsExactly(c);
        assertThat(d.sendable()).containsOnlyKeys(a, b, c);
    }

    @Test
    void aFamilyNotNegotiatedIsNeitherSentNorCountedAsHeld() {
        IpPrefix four = IpPrefix.parse("198.51.100.1/32");
        IpPrefix six = IpPrefix.parse("2001:db8::1/128");
        RouteDiff d = RouteDiff.between(Map.of(four, RouteAttributes.NONE, six, RouteAttributes.NONE), Map.of(),
                true, false, EBGP, HOP6, WireOptions.INITIAL);
        assertThat(d.updates()).extracting(Update::nlri).containsExactly(List.of(four));
        assertThat(d.sendable()).containsOnlyKeys(four);
    }

    @Test
    void theWarmUpEncodesSomething() {
        assertThat(SyncWarmUp.run()).isPositive();
    }
}
