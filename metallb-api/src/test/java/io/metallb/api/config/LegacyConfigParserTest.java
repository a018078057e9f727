package io.metallb.api.config;

import static io.metallb.api.config.Trees.list;
import static io.metallb.api.config.Trees.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LegacyConfigParserTest {

    @Test
    void layer2PoolFromTheTutorial() {
        Config config = valid(map("address-pools", list(map("name", "default", "protocol", "layer2",
                "addresses", list("192.168.1.240-192.168.1.250")))));
        IpAddressPool pool = config.pools().get("default");
        assertThat(pool.addresses()).containsExactly(IpRange.parse("192.168.1.240-192.168.1.250"));
        assertThat(pool.autoAssign()).isTrue();
        assertThat(pool.avoidBuggyIps()).isFalse();
        assertThat(config.l2Advertisements()).containsOnlyKeys("default");
        assertThat(config.l2Advertisements().get("default").ipAddressPools()).containsExactly("default");
        assertThat(config.bgpAdvertisements()).isEmpty();
    }

    @Test
    void bgpPoolWithPeersGetsOneDefaultAdvertisement() {
        Config config = valid(map(
                "peers", list(map("peer-address", "203.0.113.1", "peer-asn", 64513, "my-asn", "64512")),
                "address-pools", list(map("name", "default", "protocol", "bgp",
                        "addresses", list("198.51.100.0/24"), "auto-assign", false, "avoid-buggy-ips", true))));
        BgpPeer peer = config.bgpPeers().get("peer-0");
        assertThat(peer.myAsn()).isEqualTo(64512);
        assertThat(peer.peerAsn()).isEqualTo(OptionalLong.of(64513));
        assertThat(peer.peerAddress()).isEqualTo(IpAddress.parse("203.0.113.1"));
        assertThat(peer.peerPort()).isEqualTo(179);
        assertThat(peer.holdTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(peer.keepaliveTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.pools().get("default").autoAssign()).isFalse();
        assertThat(config.pools().get("default").avoidBuggyIps()).isTrue();
        assertThat(config.bgpAdvertisements().values()).containsExactly(new BgpAdvertisement("default-bgp-0", 32,
                128, OptionalLong.empty(), List.of(), List.of("default"), List.of(), List.of(), List.of()));
        assertThat(config.l2Advertisements()).isEmpty();
    }

    @Test
    void bgpAdvertisementsWithCommunitiesLocalPrefAndBfd() {
        Config config = valid(map(
                "bfd-profiles", list(map("name", "full1", "receive-interval", 179, "transmit-interval", 180,
                        "echo-interval", 62, "echo-mode", false, "passive-mode", false, "minimum-ttl", 10)),
                "bgp-communities", map("no-advertise", "65535:65282"),
                "peers", list(map("peer-address", "203.0.113.1", "peer-asn", 64512, "my-asn", 64512,
                        "bfd-profile", "full1", "hold-time", "1m30.5s", "node-selectors",
                        list(map("match-labels", map("rack", "r1"))))),
                "address-pools", list(map("name", "bgp", "protocol", "bgp",
                        "addresses", list("198.51.100.0/24", "2001:db8::/64"),
                        "bgp-advertisements", list(
                                map("aggregation-length", 32, "localpref", 100, "communities",
                                        list("no-advertise", "64512:7")),
                                map("aggregation-length", 24, "aggregation-length-v6", 64, "localpref", 50))))));
        assertThat(config.bfdProfiles().get("full1")).isEqualTo(new BfdProfile("full1", 179, 180, 3, 62, false,
                false, 10));
        assertThat(config.communities().get("bgp-communities").aliases())
                .containsEntry("no-advertise", new BgpCommunity.Standard(65535, 65282));
        BgpPeer peer = config.bgpPeers().get("peer-0");
        assertThat(peer.bfdProfile()).contains("full1");
        assertThat(peer.holdTime()).as("v0.12 stored hold time in whole seconds").isEqualTo(Duration.ofSeconds(90));
        assertThat(peer.nodeSelectors()).hasSize(1);
        BgpAdvertisement first = config.bgpAdvertisements().get("bgp-bgp-0");
        assertThat(first.localPref()).isEqualTo(OptionalLong.of(100));
        assertThat(first.communities()).containsExactly(new BgpCommunity.Standard(65535, 65282),
                new BgpCommunity.Standard(64512, 7));
        BgpAdvertisement second = config.bgpAdvertisements().get("bgp-bgp-1");
        assertThat(second.aggregationLength()).isEqualTo(24);
        assertThat(second.aggregationLengthV6()).isEqualTo(64);
        assertThat(second.ipAddressPools()).containsExactly("bgp");
    }

    static Stream<Arguments> errors() {
        Map<String, Object> goodPeer = map("peer-address", "203.0.113.1", "peer-asn", 64513, "my-asn", 64512);
        return Stream.of(
                row("missing protocol", pools(map("name", "p", "addresses", list("198.51.100.0/24"))),
                        "ConfigMap \"p\": address-pools[0].protocol: missing (expected: layer2 or bgp)"),
                row("unknown protocol", pools(map("name", "p", "protocol", "ospf", "addresses",
                                list("198.51.100.0/24"))),
                        "ConfigMap \"p\": address-pools[0].protocol: \"ospf\" (expected: layer2 or bgp)"),
                row("bgp-advertisements on a layer2 pool", pools(map("name", "p", "protocol", "layer2",
                                "addresses", list("198.51.100.0/24"), "bgp-advertisements", list(map()))),
                        "ConfigMap \"p\": address-pools[0].bgp-advertisements: set on a layer2 pool"
                                + " (expected: only with protocol bgp)"),
                row("unknown key is an error (UnmarshalStrict)", pools(map("name", "p", "protocol", "layer2",
                                "addresses", list("198.51.100.0/24"), "auto-asign", false)),
                        "ConfigMap \"p\": address-pools[0].auto-asign: unknown field"),
                row("missing pool name", pools(map("protocol", "layer2", "addresses", list("198.51.100.0/24"))),
                        "ConfigMap: address-pools[0].name: missing (expected: a name)"),
                row("duplicate pool name", pools(
                                map("name", "p", "protocol", "layer2", "addresses", list("198.51.100.0/25")),
                                map("name", "p", "protocol", "layer2", "addresses", list("198.51.100.128/25"))),
                        "ConfigMap: address-pools[1].name: \"p\" is defined twice (expected: unique names)"),
                row("overlap across pools", pools(
                                map("name", "a", "protocol", "layer2", "addresses", list("198.51.100.0/24")),
                                map("name", "b", "protocol", "layer2", "addresses", list("198.51.100.7/32"))),
                        "ConfigMap \"b\": address-pools[1].addresses[0]: 198.51.100.7/32 overlaps 198.51.100.0/24"
                                + " of pool \"a\" (address-pools[0].addresses[0])"),
                row("bad range", pools(map("name", "p", "protocol", "bgp", "addresses", list("198.51.100.1-x"))),
                        "ConfigMap \"p\": address-pools[0].addresses[0]: invalid IP range \"198.51.100.1-x\": invalid end IP \"x\""),
                row("aggregation-length beyond 32", pools(map("name", "p", "protocol", "bgp",
                                "addresses", list("198.51.100.0/24"),
                                "bgp-advertisements", list(map("aggregation-length", 33)))),
                        "ConfigMap \"p\": address-pools[0].bgp-advertisements[0].aggregation-length: 33"
                                + " (expected: a whole number in 0..32)"),
                row("missing peer ASN", map("peers", list(map("peer-address", "203.0.113.1", "my-asn", 64512))),
                        "ConfigMap: peers[0].peer-asn: missing (expected: an ASN in 1..4294967295)"),
                row("ASN that is not a number", map("peers", list(map("peer-address", "203.0.113.1",
                                "my-asn", "AS64512", "peer-asn", 64513))),
                        "ConfigMap: peers[0].my-asn: \"AS64512\" (expected: a whole number in 1..4294967295)"),
                row("hold-time under 3s", map("peers", list(with(goodPeer, "hold-time", "2s"))),
                        "ConfigMap: peers[0].hold-time: hold time 2s (expected: 0 or at least 3s)"),
                row("peer bfd-profile must exist", map("peers", list(with(goodPeer, "bfd-profile", "nope"))),
                        "ConfigMap: peers[0].bfd-profile: \"nope\" names no BFDProfile"),
                row("v0.12 peers have no dynamic ASN", map("peers", list(with(goodPeer, "dynamic-asn", "internal"))),
                        "ConfigMap: peers[0].dynamic-asn: unknown field"),
                row("bfd range", map("bfd-profiles", list(map("name", "b", "minimum-ttl", 255))),
                        "ConfigMap \"b\": bfd-profiles[0].minimum-ttl: 255 (expected: a whole number in 1..254)"),
                row("large community alias", map("bgp-communities", map("big", "large:1:2:3")),
                        "ConfigMap \"big\": bgp-communities.big: \"large:1:2:3\" is a large community"
                                + " (expected: a:b, 16-bit numbers)"),
                row("unknown community in an advertisement", pools(map("name", "p", "protocol", "bgp",
                                "addresses", list("198.51.100.0/24"),
                                "bgp-advertisements", list(map("communities", list("no-export"))))),
                        "ConfigMap \"p\": address-pools[0].bgp-advertisements[0].communities[0]: \"no-export\" is"
                                + " not a defined Community alias nor a community value"
                                + " (expected: an alias, a:b or large:a:b:c)"),
                row("peers not a list", map("peers", map("peer-address", "203.0.113.1")),
                        "ConfigMap: peers: a mapping (expected: a list)"),
                row("unknown top-level section", map("address-pool", list()),
                        "ConfigMap: address-pool: unknown field"));
    }

    private static Map<String, Object> pools(Object... pools) {
        return map("address-pools", list(pools));
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static Arguments row(String rule, Map<String, Object> tree, String error) {
        return Arguments.of(rule, tree, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void eachLegacyRuleReportsItsError(String rule, Map<String, Object> tree, String expected) {
        ConfigResult result = ConfigParser.parseLegacy(tree);
        assertThat(result).as(rule).isInstanceOf(ConfigResult.Invalid.class);
        assertThat(((ConfigResult.Invalid) result).errors()).extracting(ConfigError::toString).contains(expected);
    }

    @Test
    void convertedLegacyConfigRendersToObjectsThatParseBackEqual() {
        Config config = valid(map(
                "bgp-communities", map("no-advertise", "65535:65282"),
                "peers", list(map("peer-address", "203.0.113.1", "peer-asn", 64513, "my-asn", 64512)),
                "address-pools", list(
                        map("name", "l2", "protocol", "layer2", "addresses", list("203.0.113.64/26")),
                        map("name", "bgp", "protocol", "bgp", "addresses", list("198.51.100.0/24"),
                                "bgp-advertisements", list(map("communities", list("no-advertise")))))));
        ConfigResult again = ConfigParser.parseObjects(ConfigParser.toObjects(config));
        assertThat(again).isEqualTo(new ConfigResult.Valid(config, List.of()));
    }

    private static Config valid(Map<String, Object> tree) {
        ConfigResult result = ConfigParser.parseLegacy(tree);
        assertThat(result).isInstanceOf(ConfigResult.Valid.class);
        return ((ConfigResult.Valid) result).config();
    }
}
