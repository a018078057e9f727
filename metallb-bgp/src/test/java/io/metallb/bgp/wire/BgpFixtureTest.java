package io.metallb.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpCommunity;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpPrefix;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BgpFixtureTest {

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.all().stream();
    }

    @Test
    void fixtureSetIsNotEmpty() {
        // A glob that matches nothing would make every test below vacuous (MetalLB's own interop test once was).
        assertThat(Fixtures.all()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(Fixtures.all()).anyMatch(f -> f.name().startsWith("frr-"))
                .anyMatch(f -> f.name().startsWith("gobgp-")).anyMatch(f -> f.name().startsWith("bird-"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void decodesWithoutErrorAndReEncodesByteForByte(Fixtures.Fixture f) {
        Decoded d = BgpMessageCodec.decode(f.bytes(), f.options());
        assertThat(d.tolerated()).isEmpty();
        assertThat(BgpMessageCodec.encode(d.message(), f.options())).isEqualTo(f.bytes());
    }

    private static BgpMessage decode(String name) {
        Fixtures.Fixture f = Fixtures.all().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return BgpMessageCodec.decode(f.bytes(), f.options()).message();
    }

    @Test
    void gobgpOpenCarriesItsFourOctetAs() {
        Open open = (Open) decode("gobgp-open-4octet-mp-rr.hex");
        assertThat(open.myAs()).isEqualTo(Open.AS_TRANS);
        assertThat(open.asn()).isEqualTo(4_200_000_001L);
        assertThat(open.capabilities()).contains(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST),
                new Capability.Multiprotocol(AfiSafi.IPV6_UNICAST), new Capability.RouteRefresh());
    }

    @Test
    void frrOpenKeepsUnknownCapabilitiesAsBytes() {
        Open open = (Open) decode("frr-open-caps-hostname-gr.hex");
        assertThat(open.capabilities()).anyMatch(c -> c instanceof Capability.Unknown u && u.code() == 73);
        assertThat(open.capability(Capability.GracefulRestart.class)).isPresent();
        assertThat(open.asn()).isEqualTo(64513);
    }

    @Test
    void gobgpUpdateCarriesCommunitiesAndLargeCommunities() {
        Update u = (Update) decode("gobgp-update-ipv4-communities-large-med.hex");
        assertThat(u.nlri()).containsExactly(IpPrefix.parse("198.51.100.7/32"));
        assertThat(u.attribute(Attribute.Communities.class).orElseThrow().values())
                .containsExactly(new BgpCommunity.Standard(64512, 100), WellKnownCommunity.NO_EXPORT.community());
        assertThat(u.attribute(Attribute.LargeCommunities.class).orElseThrow().values())
                .containsExactly(new BgpCommunity.Large(64512, 1, 2));
        assertThat(u.attribute(Attribute.MultiExitDisc.class)).contains(new Attribute.MultiExitDisc(10));
        assertThat(u.attribute(Attribute.AsPath.class)).contains(Attribute.AsPath.sequence(4_200_000_001L));
    }

    @Test
    void ipv6NextHopMayBeGlobalPlusLinkLocal() {
        Update u = (Update) decode("rfc2545-update-ipv6-link-local-ibgp.hex");
        Attribute.MpReach r = u.attribute(Attribute.MpReach.class).orElseThrow();
        assertThat(r.nextHops()).containsExactly(IpAddress.parse("2001:db8::1"), IpAddress.parse("fe80::1"));
        assertThat(r.nlri()).containsExactly(IpPrefix.parse("2001:db8::99/128"), IpPrefix.parse("2001:db8:0:1::/64"));
        assertThat(u.attribute(Attribute.LocalPref.class)).contains(new Attribute.LocalPref(200));
        assertThat(u.attribute(Attribute.AsPath.class)).contains(Attribute.AsPath.EMPTY);
    }

    @Test
    void twoOctetSessionCarriesAs4PathAndAggregators() {
        Update u = (Update) decode("rfc6793-update-as2-session-as4-path-aggregator.hex");
        assertThat(u.attribute(Attribute.AsPath.class).orElseThrow().segments()).containsExactly(
                new AsPathSegment(AsPathSegment.AS_SEQUENCE, List.of((long) Open.AS_TRANS, 64512L)),
                new AsPathSegment(AsPathSegment.AS_SET, List.of(64513L)));
        assertThat(u.attribute(Attribute.As4Aggregator.class).orElseThrow().asn()).isEqualTo(4_200_000_000L);
        PathAttribute unknown = u.attributes().get(u.attributes().size() - 1);
        assertThat(unknown.flags() & PathAttribute.PARTIAL).isNotZero();
        assertThat(unknown.forwarded()).contains(unknown);
    }

    @Test
    void endOfRibMarkersAreRecognised() {
        assertThat(((Update) decode("rfc4724-end-of-rib-ipv4.hex")).isEndOfRib()).isTrue();
        assertThat(decode("rfc4724-end-of-rib-ipv6.hex")).isEqualTo(Update.endOfRib(AfiSafi.IPV6_UNICAST));
        assertThat(((Update) decode("gobgp-update-ipv6-mpreach.hex")).isEndOfRib()).isFalse();
    }

    @Test
    void shutdownCommunicationIsUtf8Text() {
        Notification n = (Notification) decode("rfc8203-cease-shutdown-communication.hex");
        assertThat(n.shutdownCommunication()).contains("maintenance, back at 04:00 ✓");
        assertThat(Notification.cease(ErrorCodes.ADMINISTRATIVE_SHUTDOWN, "maintenance, back at 04:00 ✓"))
                .isEqualTo(n);
    }
}
