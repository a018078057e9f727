package io.metallb.api.config;

import static io.metallb.api.config.Trees.REMOVE;
import static io.metallb.api.config.Trees.list;
import static io.metallb.api.config.Trees.map;
import static io.metallb.api.config.Trees.object;
import static io.metallb.api.config.Trees.peer;
import static io.metallb.api.config.Trees.pool;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpPeer.DynamicAsn;
import io.metallb.api.config.BgpPeer.SecretRef;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpRange;
import io.metallb.api.selector.LabelRequirement;
import io.metallb.api.selector.LabelSelector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigParserTest {

    private static final Map<String, Object> POOL = pool("prod", "198.51.100.0/24");

    static Stream<Arguments> rules() {
        return Stream.of(
                row("duplicate name within a kind", List.of(POOL, pool("prod", "203.0.113.0/24")),
                        "IPAddressPool \"prod\": metadata.name: a second IPAddressPool named \"prod\""
                                + " (expected: unique names per kind)"),
                row("invalid CIDR", List.of(pool("prod", "198.51.100.0/24", "198.51.100.300/24")),
                        "IPAddressPool \"prod\": spec.addresses[1]: \"198.51.100.300/24\" is not a CIDR or a range:"
                                + " \"198.51.100.300\" is not an IP address"),
                row("range start after end", List.of(pool("prod", "198.51.100.20-198.51.100.10")),
                        "IPAddressPool \"prod\": spec.addresses[0]: invalid IP range \"198.51.100.20-198.51.100.10\":"
                                + " start IP \"198.51.100.20\" is after the end IP \"198.51.100.10\""),
                row("overlap within a pool", List.of(pool("prod", "198.51.100.0/24", "198.51.100.10-198.51.100.20")),
                        "IPAddressPool \"prod\": spec.addresses[1]: 198.51.100.10-198.51.100.20 overlaps"
                                + " 198.51.100.0/24 of pool \"prod\" (spec.addresses[0])"),
                row("duplicate entry is an overlap", List.of(pool("prod", "198.51.100.0/24", "198.51.100.0/24")),
                        "IPAddressPool \"prod\": spec.addresses[1]: 198.51.100.0/24 overlaps 198.51.100.0/24"
                                + " of pool \"prod\" (spec.addresses[0])"),
                row("overlap across pools names both", List.of(POOL, pool("test", "198.51.100.128/25")),
                        "IPAddressPool \"test\": spec.addresses[0]: 198.51.100.128/25 overlaps 198.51.100.0/24"
                                + " of pool \"prod\" (spec.addresses[0])"),
                row("empty address list", List.of(pool("prod")),
                        "IPAddressPool \"prod\": spec.addresses: empty (expected: at least one CIDR or range)"),
                row("missing addresses", List.of(object("IPAddressPool", "prod", map())),
                        "IPAddressPool \"prod\": spec.addresses: missing (expected: a list of CIDRs or ranges)"),
                row("string where a list is expected",
                        List.of(object("IPAddressPool", "prod", map("addresses", "198.51.100.0/24"))),
                        "IPAddressPool \"prod\": spec.addresses: \"198.51.100.0/24\" (expected: a list)"),
                row("non-boolean autoAssign", List.of(object("IPAddressPool", "prod",
                                map("addresses", list("198.51.100.0/24"), "autoAssign", "yes"))),
                        "IPAddressPool \"prod\": spec.autoAssign: \"yes\" (expected: true or false)"),
                row("negative serviceAllocation priority", List.of(object("IPAddressPool", "prod",
                                map("addresses", list("198.51.100.0/24"), "serviceAllocation", map("priority", -1)))),
                        "IPAddressPool \"prod\": spec.serviceAllocation.priority: -1"
                                + " (expected: a whole number in 0..2147483647)"),
                row("duplicate serviceAllocation namespace", List.of(object("IPAddressPool", "prod",
                                map("addresses", list("198.51.100.0/24"),
                                        "serviceAllocation", map("namespaces", list("web", "web"))))),
                        "IPAddressPool \"prod\": spec.serviceAllocation.namespaces[1]: \"web\" is listed twice"),
                row("myASN zero", List.of(peer("r1", "myASN", 0)),
                        "BGPPeer \"r1\": spec.myASN: 0 (expected: a whole number in 1..4294967295)"),
                row("myASN beyond 32 bits", List.of(peer("r1", "myASN", 4294967296L)),
                        "BGPPeer \"r1\": spec.myASN: 4294967296 (expected: a whole number in 1..4294967295)"),
                row("neither peerASN nor dynamicASN", List.of(peer("r1", "peerASN", REMOVE)),
                        "BGPPeer \"r1\": spec.peerASN: missing (expected: peerASN 1..4294967295 or dynamicASN)"),
                row("both peerASN and dynamicASN", List.of(peer("r1", "dynamicASN", "external")),
                        "BGPPeer \"r1\": spec.dynamicASN: set together with peerASN 64513"
                                + " (expected: one or the other)"),
                row("dynamicASN value", List.of(peer("r1", "peerASN", REMOVE, "dynamicASN", "ebgp")),
                        "BGPPeer \"r1\": spec.dynamicASN: \"ebgp\" (expected: internal or external)"),
                row("ebgpMultiHop on iBGP", List.of(peer("r1", "peerASN", 64512, "ebgpMultiHop", true)),
                        "BGPPeer \"r1\": spec.ebgpMultiHop: true on an iBGP session, peerASN = myASN = 64512"
                                + " (expected: false)"),
                row("hold time under 3s", List.of(peer("r1", "holdTime", "2s")),
                        "BGPPeer \"r1\": spec.holdTime: hold time 2s (expected: 0 or at least 3s)"),
                row("hold time derived from keepalive under 3s", List.of(peer("r1", "keepaliveTime", "900ms")),
                        "BGPPeer \"r1\": spec.keepaliveTime: hold time 2.7s (3 × keepaliveTime)"
                                + " (expected: 0 or at least 3s)"),
                row("keepalive longer than hold", List.of(peer("r1", "holdTime", "30s", "keepaliveTime", "1m")),
                        "BGPPeer \"r1\": spec.keepaliveTime: 1m0s is longer than the hold time 30s"
                                + " (expected: at most the hold time)"),
                row("duration syntax", List.of(peer("r1", "holdTime", "90")),
                        "BGPPeer \"r1\": spec.holdTime: \"90\" is not a duration (expected: Go syntax such as"
                                + " \"90s\", \"1m30s\" or \"500ms\")"),
                row("peerPort out of range", List.of(peer("r1", "peerPort", 65536)),
                        "BGPPeer \"r1\": spec.peerPort: 65536 (expected: a whole number in 1..65535)"),
                row("peerAddress not an address", List.of(peer("r1", "peerAddress", "router.example")),
                        "BGPPeer \"r1\": spec.peerAddress: \"router.example\" is not an IP address"),
                row("routerID must be IPv4", List.of(peer("r1", "routerID", "2001:db8::1")),
                        "BGPPeer \"r1\": spec.routerID: 2001:db8::1 is not an IPv4 address"
                                + " (expected: a BGP identifier, RFC 6286 §2.1)"),
                row("password and passwordSecret", List.of(peer("r1", "password", "s3cret",
                                "passwordSecret", map("name", "bgp-auth"))),
                        "BGPPeer \"r1\": spec.passwordSecret: set together with password"
                                + " (expected: one or the other)"),
                row("connectTime whole seconds", List.of(peer("r1", "connectTime", "1.5s")),
                        "BGPPeer \"r1\": spec.connectTime: 1.5s"
                                + " (expected: a whole number of seconds in 1s..65535s)"),
                row("bfdProfile must exist", List.of(peer("r1", "bfdProfile", "fast")),
                        "BGPPeer \"r1\": spec.bfdProfile: \"fast\" names no BFDProfile"),
                row("BFD detectMultiplier range", List.of(object("BFDProfile", "fast", map("detectMultiplier", 1))),
                        "BFDProfile \"fast\": spec.detectMultiplier: 1 (expected: a whole number in 2..255)"),
                row("BFD interval range", List.of(object("BFDProfile", "fast", map("receiveInterval", 5))),
                        "BFDProfile \"fast\": spec.receiveInterval: 5 (expected: a whole number in 10..60000)"),
                row("BFD echo with an IPv6 pool", List.of(pool("v6", "2001:db8::/64"),
                                object("BFDProfile", "echo", map("echoMode", true)), peer("r1", "bfdProfile", "echo"),
                                object("BGPAdvertisement", "all", map())),
                        "BGPPeer \"r1\": spec.bfdProfile: \"echo\" has echo mode, which cannot run with IPv6 pool"
                                + " \"v6\" advertised by \"all\" (expected: echoMode false)"),
                row("aggregationLength shorter than the pool prefix", List.of(POOL,
                                object("BGPAdvertisement", "agg", map("aggregationLength", 16))),
                        "BGPAdvertisement \"agg\": spec.aggregationLength: 16 is shorter than prefix length 24 of"
                                + " 198.51.100.0/24 in pool \"prod\" (expected: 24 or more)"),
                row("aggregation against a range's largest block", List.of(pool("r", "198.51.100.1-198.51.100.10"),
                                object("BGPAdvertisement", "agg", map("aggregationLength", 29))),
                        "BGPAdvertisement \"agg\": spec.aggregationLength: 29 is shorter than prefix length 30 of"
                                + " 198.51.100.1-198.51.100.10 in pool \"r\" (expected: 30 or more)"),
                row("aggregationLengthV6 shorter than the pool prefix", List.of(pool("v6", "2001:db8::/64"),
                                object("BGPAdvertisement", "agg", map("aggregationLengthV6", 48))),
                        "BGPAdvertisement \"agg\": spec.aggregationLengthV6: 48 is shorter than prefix length 64"
                                + " of 2001:db8::/64 in pool \"v6\" (expected: 64 or more)"),
                row("conflicting localPref on one pool", List.of(POOL,
                                object("BGPAdvertisement", "a", map("localPref", 100)),
                                object("BGPAdvertisement", "b", map("localPref", 200))),
                        "BGPAdvertisement \"b\": spec.localPref: localPref 200 conflicts with localPref 100 of \"a\""
                                + " for pool \"prod\" (expected: the same value, or different aggregation lengths,"
                                + " peers or nodes)"),
                row("negative localPref", List.of(object("BGPAdvertisement", "a", map("localPref", -1))),
                        "BGPAdvertisement \"a\": spec.localPref: -1 (expected: a whole number in 0..4294967295)"),
                row("standard community parts are 16-bit",
                        List.of(object("BGPAdvertisement", "a", map("communities", list("65536:1")))),
                        "BGPAdvertisement \"a\": spec.communities[0]: \"65536:1\" is not a community:"
                                + " 65536 is above 65535"),
                row("large community parts are 32-bit",
                        List.of(object("BGPAdvertisement", "a", map("communities", list("large:1:2:4294967296")))),
                        "BGPAdvertisement \"a\": spec.communities[0]: \"large:1:2:4294967296\" is not a community:"
                                + " 4294967296 is above 4294967295"),
                row("unknown community alias",
                        List.of(object("BGPAdvertisement", "a", map("communities", list("no-export")))),
                        "BGPAdvertisement \"a\": spec.communities[0]: \"no-export\" is not a defined Community alias"
                                + " nor a community value (expected: an alias, a:b or large:a:b:c)"),
                row("duplicate community in an advertisement",
                        List.of(object("BGPAdvertisement", "a", map("communities", list("64512:1", "64512:1")))),
                        "BGPAdvertisement \"a\": spec.communities[1]: \"64512:1\" is listed twice"),
                row("alias defined twice across Community objects", List.of(
                                object("Community", "c1", map("communities", list(map("name", "x", "value", "1:1")))),
                                object("Community", "c2", map("communities", list(map("name", "x", "value", "1:2"))))),
                        "Community \"c2\": spec.communities[0].name: alias \"x\" is already defined"),
                row("duplicate pool reference", List.of(object("L2Advertisement", "l2",
                                map("ipAddressPools", list("prod", "prod")))),
                        "L2Advertisement \"l2\": spec.ipAddressPools[1]: \"prod\" is listed twice"),
                row("interfaces must be a list", List.of(object("L2Advertisement", "l2", map("interfaces", "eth0"))),
                        "L2Advertisement \"l2\": spec.interfaces: \"eth0\" (expected: a list)"),
                row("blank interface", List.of(object("L2Advertisement", "l2", map("interfaces", list(" ")))),
                        "L2Advertisement \"l2\": spec.interfaces[0]: \" \" (expected: a network interface name)"),
                row("preference weight out of range", List.of(object("L2Advertisement", "l2",
                                map("preferredNodeSelectors", list(map("weight", 0, "preference", map()))))),
                        "L2Advertisement \"l2\": spec.preferredNodeSelectors[0].weight: 0"
                                + " (expected: a whole number in 1..100)"),
                row("preference needs a selector", List.of(object("L2Advertisement", "l2",
                                map("preferredNodeSelectors", list(map("weight", 10))))),
                        "L2Advertisement \"l2\": spec.preferredNodeSelectors[0].preference: missing"
                                + " (expected: a label selector)"),
                row("preference needs a weight", List.of(object("L2Advertisement", "l2",
                                map("preferredNodeSelectors", list(map("preference", map()))))),
                        "L2Advertisement \"l2\": spec.preferredNodeSelectors[0].weight: missing"
                                + " (expected: a whole number in 1..100)"),
                row("service selectors exclude aggregation", List.of(object("BGPAdvertisement", "a",
                                map("aggregationLength", 24, "serviceSelectors", list(map("matchLabels",
                                        map("app", "web")))))),
                        "BGPAdvertisement \"a\": spec.serviceSelectors: cannot be combined with aggregationLength 24"
                                + " / aggregationLengthV6 128 (expected: no serviceSelectors, or aggregationLength 32"
                                + " and aggregationLengthV6 128)"),
                row("In needs values", List.of(object("L2Advertisement", "l2", map("nodeSelectors",
                                list(map("matchExpressions", list(map("key", "zone", "operator", "In"))))))),
                        "L2Advertisement \"l2\": spec.nodeSelectors[0].matchExpressions[0]:"
                                + " operator In on key \"zone\" needs at least one value"),
                row("Exists takes no values", List.of(object("L2Advertisement", "l2", map("nodeSelectors",
                                list(map("matchExpressions", list(map("key", "zone", "operator", "Exists",
                                        "values", list("a")))))))),
                        "L2Advertisement \"l2\": spec.nodeSelectors[0].matchExpressions[0]:"
                                + " operator Exists on key \"zone\" takes no values"),
                row("unknown operator", List.of(object("L2Advertisement", "l2", map("nodeSelectors",
                                list(map("matchExpressions", list(map("key", "zone", "operator", "Gt",
                                        "values", list("1")))))))),
                        "L2Advertisement \"l2\": spec.nodeSelectors[0].matchExpressions[0]:"
                                + " \"Gt\" is not a selector operator (expected: In, NotIn, Exists or DoesNotExist)"),
                row("label key syntax", List.of(object("BGPAdvertisement", "a", map("ipAddressPoolSelectors",
                                list(map("matchLabels", map("bad key", "x")))))),
                        "BGPAdvertisement \"a\": spec.ipAddressPoolSelectors[0].matchLabels.bad key:"
                                + " \"bad key\" is not a label key (expected: [prefix/]name, name up to 63"
                                + " alphanumerics, '-', '_' or '.', starting and ending alphanumeric)"),
                row("duplicate selector", List.of(object("BGPAdvertisement", "a", map("nodeSelectors",
                                list(map("matchLabels", map("zone", "a")), map("matchLabels", map("zone", "a")))))),
                        "BGPAdvertisement \"a\": spec.nodeSelectors[1]: selector zone=a is listed twice"),
                row("unknown apiVersion of a metallb.io kind", List.of(Trees.map("apiVersion", "metallb.io/v2",
                                "kind", "IPAddressPool", "metadata", map("name", "prod"), "spec", map())),
                        "IPAddressPool \"prod\": apiVersion: \"metallb.io/v2\" (expected: metallb.io/v1beta1)"),
                row("unknown metallb.io kind", List.of(Trees.map("apiVersion", "metallb.io/v1beta1",
                                "kind", "AddressPool", "metadata", map("name", "old"))),
                        "AddressPool \"old\": kind: \"AddressPool\" is not a metallb.io kind (expected: one of"
                                + " BFDProfile, Community, IPAddressPool, BGPPeer, L2Advertisement, BGPAdvertisement)"),
                row("missing name", List.of(Trees.map("apiVersion", "metallb.io/v1beta1", "kind", "IPAddressPool",
                                "metadata", map())),
                        "Object \"objects[0]\": metadata.name: missing (expected: a name)"),
                row("an object that is not a mapping", Trees.list(POOL, "oops"),
                        "Object \"objects[1]\": \"oops\" (expected: a mapping)"));
    }

    private static Arguments row(String rule, List<?> objects, String error) {
        return Arguments.of(rule, objects, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    @SuppressWarnings("unchecked")
    void eachRuleReportsItsError(String rule, List<?> objects, String expected) {
        ConfigResult result = ConfigParser.parseObjects((List<Map<String, Object>>) objects);
        assertThat(result).as(rule).isInstanceOf(ConfigResult.Invalid.class);
        assertThat(((ConfigResult.Invalid) result).errors()).extracting(ConfigError::toString).contains(expected);
    }

    @Test
    void everyErrorIsReportedNotOnlyTheFirst() {
        ConfigResult result = ConfigParser.parseObjects(List.of(
                pool("prod", "198.51.100.0/33", "198.51.100.0/24"), peer("r1", "myASN", 0, "peerPort", 0)));
        assertThat(((ConfigResult.Invalid) result).describe()).isEqualTo(String.join("\n",
                "BGPPeer \"r1\": spec.myASN: 0 (expected: a whole number in 1..4294967295)",
                "BGPPeer \"r1\": spec.peerPort: 0 (expected: a whole number in 1..65535)",
                "IPAddressPool \"prod\": spec.addresses[0]: \"198.51.100.0/33\" is not a CIDR or a range:"
                + " prefix length \"33\" (expected: 0..32)"));
    }

    @Test
    void errorsNameKindObjectAndField() {
        ConfigResult.Invalid invalid = (ConfigResult.Invalid) ConfigParser.parseObjects(
                List.of(pool("prod", "198.51.100.0/24", "198.51.100.300/24")));
        assertThat(invalid.errors()).containsExactly(new ConfigError("IPAddressPool", "prod", "spec.addresses[1]",
                "\"198.51.100.300/24\" is not a CIDR or a range: \"198.51.100.300\" is not an IP address"));
    }

    @Test
    void validExampleOfAllSixKindsWithDefaults() {
        ConfigResult result = ConfigParser.parseObjects(List.of(
                map("apiVersion", "v1", "kind", "Service", "metadata", map("name", "web")),
                object("IPAddressPool", "prod", map(
                        "addresses", list("198.51.100.0/24", "2001:db8::/64", "203.0.113.16-203.0.113.31"),
                        "serviceAllocation", map("priority", 10, "namespaces", list("web"),
                                "serviceSelectors", list(map("matchExpressions", list(
                                        map("key", "tier", "operator", "In", "values", list("front")))))))),
                object("BFDProfile", "fast", map("receiveInterval", 100, "detectMultiplier", 5)),
                object("Community", "aliases", map("communities", list(map("name", "no-advertise",
                        "value", "65535:65282")))),
                peer("tor", "bfdProfile", "fast", "routerID", "198.51.100.254", "nodeSelectors",
                        list(map("matchLabels", map("rack", "r1")))),
                peer("dyn", "peerASN", REMOVE, "dynamicASN", "internal", "keepaliveTime", "10s",
                        "passwordSecret", map("name", "bgp-auth")),
                object("L2Advertisement", "l2", map("ipAddressPools", list("prod"), "interfaces", list("eth0"))),
                object("BGPAdvertisement", "bgp", map("aggregationLength", 28, "localPref", 100,
                        "communities", list("no-advertise", "large:64512:1:2"), "peers", list("tor")))));

        assertThat(result).isInstanceOf(ConfigResult.Valid.class);
        Config config = ((ConfigResult.Valid) result).config();
        assertThat(config.pools().get("prod")).isEqualTo(new IpAddressPool("prod", Map.of(),
                List.of(IpRange.parse("198.51.100.0/24"), IpRange.parse("2001:db8::/64"),
                        IpRange.parse("203.0.113.16-203.0.113.31")), true, false,
                Optional.of(new ServiceAllocation(OptionalInt.of(10), List.of("web"), List.of(),
                        List.of(new LabelSelector(Map.of(), List.of(new LabelRequirement("tier",
                                LabelRequirement.Operator.IN, List.of("front")))))))));
        assertThat(config.bfdProfiles().get("fast")).isEqualTo(new BfdProfile("fast", 100, 300, 5, 50, false, false, 254));
        BgpPeer tor = config.bgpPeers().get("tor");
        assertThat(tor.peerPort()).isEqualTo(179);
        assertThat(tor.holdTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(tor.keepaliveTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(tor.routerId()).contains(IpAddress.parse("198.51.100.254"));
        assertThat(tor.bfdProfile()).contains("fast");
        assertThat(tor.nodeSelectors()).containsExactly(LabelSelector.ofLabels(Map.of("rack", "r1")));
        BgpPeer dyn = config.bgpPeers().get("dyn");
        assertThat(dyn.dynamicAsn()).contains(DynamicAsn.INTERNAL);
        assertThat(dyn.peerAsn()).isEmpty();
        assertThat(dyn.holdTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(dyn.passwordSecret()).contains(new SecretRef("bgp-auth", "metallb-system"));
        assertThat(config.l2Advertisements().get("l2")).isEqualTo(new L2Advertisement("l2", List.of("prod"),
                List.of(), List.of(), List.of("eth0")));
        BgpAdvertisement bgp = config.bgpAdvertisements().get("bgp");
        assertThat(bgp.aggregationLength()).isEqualTo(28);
        assertThat(bgp.aggregationLengthV6()).isEqualTo(128);
        assertThat(bgp.localPref()).isEqualTo(OptionalLong.of(100));
        assertThat(bgp.communities()).containsExactly(new BgpCommunity.Standard(65535, 65282),
                new BgpCommunity.Large(64512, 1, 2));
        assertThat(config.communities().get("aliases").aliases()).containsOnlyKeys("no-advertise");
        assertThat(((ConfigResult.Valid) result).warnings()).isEmpty();
    }

    @Test
    void advertisementServiceSelectorsAndNodePreferencesAreRead() {
        LabelSelector web = LabelSelector.ofLabels(Map.of("app", "web"));
        LabelSelector rack1 = LabelSelector.ofLabels(Map.of("rack", "r1"));
        ConfigResult result = ConfigParser.parseObjects(List.of(POOL,
                object("L2Advertisement", "l2", map("serviceSelectors", list(map("matchLabels", map("app", "web"))),
                        "preferredNodeSelectors", list(
                                map("weight", 50, "preference", map("matchLabels", map("rack", "r1"))),
                                map("weight", 5, "preference", map())))),
                object("BGPAdvertisement", "bgp", map("serviceSelectors",
                        list(map("matchLabels", map("app", "web")))))));

        assertThat(result).isInstanceOf(ConfigResult.Valid.class);
        assertThat(((ConfigResult.Valid) result).warnings()).isEmpty();
        Config config = ((ConfigResult.Valid) result).config();
        L2Advertisement l2 = config.l2Advertisements().get("l2");
        assertThat(l2.serviceSelectors()).containsExactly(web);
        assertThat(l2.preferredNodeSelectors()).containsExactly(new PreferredNodeSelector(50, rack1),
                new PreferredNodeSelector(5, LabelSelector.ofLabels(Map.of())));
        assertThat(l2.selectsService(Map.of("app", "web"))).isTrue();
        assertThat(l2.selectsService(Map.of("app", "db"))).isFalse();
        assertThat(l2.preferenceScore(Map.of("rack", "r1"))).isEqualTo(55);
        assertThat(l2.preferenceScore(Map.of("rack", "r2"))).isEqualTo(5);
        assertThat(config.bgpAdvertisements().get("bgp").serviceSelectors()).containsExactly(web);
        // and they survive the way back to objects
        assertThat(ConfigParser.parseObjects(ConfigParser.toObjects(config))).isEqualTo(result);
    }

    @Test
    void onlyHoldTimeSetGivesKeepaliveOfAThird() {
        Config config = valid(List.of(peer("r1", "holdTime", "1m30s")), List.of());
        assertThat(config.bgpPeers().get("r1").keepaliveTime()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void holdTimeZeroDisablesKeepalives() {
        Config config = valid(List.of(peer("r1", "holdTime", "0s")), List.of());
        assertThat(config.bgpPeers().get("r1").keepaliveTime()).isEqualTo(Duration.ZERO);
    }

    @Test
    void differentLocalPrefIsFineWithDisjointPeersOrAggregation() {
        valid(List.of(POOL,
                object("BGPAdvertisement", "a", map("localPref", 100, "peers", list("r1"))),
                object("BGPAdvertisement", "b", map("localPref", 200, "peers", list("r2"))),
                object("BGPAdvertisement", "c", map("localPref", 300, "aggregationLength", 30))), List.of(
                "BGPAdvertisement \"a\": spec.peers: \"r1\" names no BGPPeer; ignored, as MetalLB does",
                "BGPAdvertisement \"b\": spec.peers: \"r2\" names no BGPPeer; ignored, as MetalLB does"));
    }

    @Test
    void unknownFieldsAndPoolNamesAreWarnings() {
        valid(List.of(object("IPAddressPool", "prod", map("addresses", list("198.51.100.0/24"), "autoAsign", false)),
                object("L2Advertisement", "l2", map("ipAddressPools", list("prd")))), List.of(
                "IPAddressPool \"prod\": spec.autoAsign: unknown field, ignored",
                "L2Advertisement \"l2\": spec.ipAddressPools: \"prd\" names no IPAddressPool; ignored, as"
                        + " MetalLB does"));
    }

    @Test
    void v1beta1PeerHasNoDynamicAsn() {
        Map<String, Object> old = peer("r1", "peerASN", REMOVE, "dynamicASN", "external");
        old.put("apiVersion", "metallb.io/v1beta1");
        ConfigResult.Invalid invalid = (ConfigResult.Invalid) ConfigParser.parseObjects(List.of(old));
        assertThat(invalid.errors()).extracting(ConfigError::toString)
                .containsExactly("BGPPeer \"r1\": spec.peerASN: missing (expected: an ASN in 1..4294967295)");
    }

    @Test
    void objectsOfOtherGroupsAreIgnoredAndNullDocumentsSkipped() {
        List<Map<String, Object>> objects = new java.util.ArrayList<>();
        objects.add(null);
        objects.add(map("apiVersion", "v1", "kind", "ConfigMap", "metadata", map("name", "config"), "data", "x"));
        assertThat(valid(objects, List.of())).isEqualTo(Config.EMPTY);
    }

    @Test
    void aCommaListInOneEntryIsSplitWithAWarning() {
        Config config = valid(List.of(pool("charmed", "198.51.100.240/28, 203.0.113.0/28")), List.of(
                "IPAddressPool \"charmed\": spec.addresses[0]: a comma-separated list in one entry;"
                        + " write one CIDR or range per entry for MetalLB"));
        assertThat(config.pools().get("charmed").addresses()).extracting(Object::toString)
                .containsExactly("198.51.100.240/28", "203.0.113.0/28");
    }

    @Test
    void overlapInsideACommaListNamesTheEntry() {
        ConfigResult r = ConfigParser.parseObjects(List.of(pool("charmed", "198.51.100.0/28, 198.51.100.8/29")));
        assertThat(r).isInstanceOf(ConfigResult.Invalid.class);
        assertThat(((ConfigResult.Invalid) r).errors()).extracting(Object::toString).contains(
                "IPAddressPool \"charmed\": spec.addresses[0]: 198.51.100.8/29 overlaps 198.51.100.0/28 of pool"
                        + " \"charmed\" (spec.addresses[0])");
    }

    private static Config valid(List<Map<String, Object>> objects, List<String> warnings) {
        ConfigResult result = ConfigParser.parseObjects(objects);
        assertThat(result).isInstanceOf(ConfigResult.Valid.class);
        assertThat(((ConfigResult.Valid) result).warnings()).containsExactlyInAnyOrderElementsOf(warnings);
        return ((ConfigResult.Valid) result).config();
    }
}
