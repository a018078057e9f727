package io.metallb.api.service;

import static io.metallb.api.net.IpFamily.IPV4;
import static io.metallb.api.net.IpFamily.IPV6;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.AllocationRequest.Cause;
import io.metallb.api.net.IpFamily;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AllocationRequestTest {

    private static final ServiceKey KEY = new ServiceKey("web", "front");
    private static final String IPS = "metallb.io/loadBalancerIPs";
    private static final String OLD_IPS = "metallb.universe.tf/loadBalancerIPs";
    private static final String POOL = "metallb.io/address-pool";
    private static final String OLD_POOL = "metallb.universe.tf/address-pool";
    private static final String SHARE = "metallb.io/allow-shared-ip";
    private static final String OLD_SHARE = "metallb.universe.tf/allow-shared-ip";

    /** A single-stack IPv4 service with one cluster IP, as the API server would hand it over. */
    private static Service v4() {
        return Service.loadBalancer(KEY, ServicePort.tcp(80)).withClusterIps(ips("198.51.100.200"));
    }

    private static Service dual(IpFamilyPolicy policy, IpFamily primary) {
        List<IpFamily> families = primary == IPV4 ? List.of(IPV4, IPV6) : List.of(IPV6, IPV4);
        List<IpAddress> cluster = primary == IPV4 ? ips("198.51.100.200", "2001:db8::200")
                : ips("2001:db8::200", "198.51.100.200");
        return v4().withFamilies(policy, families).withClusterIps(cluster);
    }

    private static Service v6() {
        return v4().withFamilies(IpFamilyPolicy.SINGLE_STACK, List.of(IPV6)).withClusterIps(ips("2001:db8::200"));
    }

    static Stream<Arguments> requestedIps() {
        return Stream.of(
                // name, service, expected requested IPs (comma list) or the Invalid reason
                ok("annotation, one IP", v4().withAnnotations(Map.of(IPS, "198.51.100.7")), "198.51.100.7"),
                ok("deprecated annotation", v4().withAnnotations(Map.of(OLD_IPS, "198.51.100.7")), "198.51.100.7"),
                ok("metallb.io wins", v4().withAnnotations(Map.of(IPS, "198.51.100.7", OLD_IPS, "198.51.100.8")),
                        "198.51.100.7"),
                ok("empty metallb.io hides the deprecated key",
                        v4().withAnnotations(Map.of(IPS, "", OLD_IPS, "198.51.100.8")), ""),
                ok("dual, spaces around commas", dual(IpFamilyPolicy.REQUIRE_DUAL_STACK, IPV4)
                        .withAnnotations(Map.of(IPS, " 198.51.100.7 ,  2001:db8::7 ")), "198.51.100.7,2001:db8::7"),
                ok("dual, PreferDualStack, v6 first", dual(IpFamilyPolicy.PREFER_DUAL_STACK, IPV6)
                        .withAnnotations(Map.of(IPS, "2001:db8::7,198.51.100.7")), "2001:db8::7,198.51.100.7"),
                ok("spec.loadBalancerIP alone", v4().withLoadBalancerIp("203.0.113.9"), "203.0.113.9"),
                ok("IPv6 spec.loadBalancerIP", v6().withLoadBalancerIp("2001:db8::9"), "2001:db8::9"),
                ok("empty spec.loadBalancerIP", v4().withLoadBalancerIp(""), ""),
                ok("empty annotation and spec.loadBalancerIP",
                        v4().withAnnotations(Map.of(IPS, "")).withLoadBalancerIp("203.0.113.9"), "203.0.113.9"),
                ok("IPv4-mapped counts as IPv4, as Go's ParseIP",
                        v4().withAnnotations(Map.of(IPS, "::ffff:198.51.100.7")), "198.51.100.7"),
                invalid(Cause.UNREADABLE_REQUEST, "both annotation and spec.loadBalancerIP",
                        v4().withAnnotations(Map.of(IPS, "198.51.100.7")).withLoadBalancerIp("198.51.100.7"),
                        "service can not have both metallb.io/loadBalancerIPs and svc.Spec.LoadBalancerIP"),
                invalid(Cause.UNREADABLE_REQUEST, "both, with the deprecated annotation",
                        v4().withAnnotations(Map.of(OLD_IPS, "198.51.100.7")).withLoadBalancerIp("198.51.100.7"),
                        "service can not have both metallb.io/loadBalancerIPs and svc.Spec.LoadBalancerIP"),
                invalid(Cause.UNREADABLE_REQUEST,
                        "bad IP in annotation", v4().withAnnotations(Map.of(IPS, "198.51.100.7, 198.51.100.300")),
                        "invalid metallb.io/loadBalancerIPs: \"198.51.100.7, 198.51.100.300\""),
                invalid(Cause.UNREADABLE_REQUEST,
                        "bad IP in deprecated annotation", v4().withAnnotations(Map.of(OLD_IPS, "nope")),
                        "invalid metallb.io/loadBalancerIPs: \"nope\""),
                invalid(Cause.UNREADABLE_REQUEST, "trailing comma", v4().withAnnotations(Map.of(IPS, "198.51.100.7,")),
                        "invalid metallb.io/loadBalancerIPs: \"198.51.100.7,\""),
                invalid(Cause.UNREADABLE_REQUEST, "bad spec.loadBalancerIP", v4().withLoadBalancerIp("198.51.100.07"),
                        "invalid spec.loadBalancerIP \"198.51.100.07\""),
                invalid(Cause.UNREADABLE_REQUEST,
                        "spec.loadBalancerIP is not trimmed", v4().withLoadBalancerIp(" 198.51.100.7"),
                        "invalid spec.loadBalancerIP \" 198.51.100.7\""),
                invalid(Cause.UNREADABLE_REQUEST,
                        "two IPs of one family", v4().withAnnotations(Map.of(IPS, "198.51.100.7,198.51.100.8")),
                        "IPFamilyForAddresses: same address family [\"198.51.100.7\" \"198.51.100.8\"]"),
                invalid(Cause.UNREADABLE_REQUEST, "three IPs", dual(IpFamilyPolicy.REQUIRE_DUAL_STACK, IPV4)
                        .withAnnotations(Map.of(IPS, "198.51.100.7,2001:db8::7,203.0.113.7")),
                        "IPFamilyForAddresses: invalid ips length 3"
                                + " [\"198.51.100.7\" \"2001:db8::7\" \"203.0.113.7\"]"),
                invalid(Cause.FAMILY_MISMATCH,
                        "v6 asked of a v4 service", v4().withAnnotations(Map.of(IPS, "2001:db8::7")),
                        "requested loadBalancer IP(s) [\"2001:db8::7\"] does not match the ipFamily of the service"),
                invalid(Cause.FAMILY_MISMATCH,
                        "v4 spec.loadBalancerIP on a v6 service", v6().withLoadBalancerIp("198.51.100.7"),
                        "requested loadBalancer IP(s) [\"198.51.100.7\"] does not match the ipFamily of the service"),
                invalid(Cause.FAMILY_MISMATCH,
                        "dual asked of a v4 service", v4().withAnnotations(Map.of(IPS, "198.51.100.7,2001:db8::7")),
                        "requested loadBalancer IP(s) [\"198.51.100.7\" \"2001:db8::7\"]"
                                + " does not match the ipFamily of the service"),
                invalid(Cause.FAMILY_MISMATCH,
                        "one IP of a RequireDualStack service", dual(IpFamilyPolicy.REQUIRE_DUAL_STACK, IPV4)
                        .withLoadBalancerIp("198.51.100.7"),
                        "requested loadBalancer IP(s) [\"198.51.100.7\"] does not match the ipFamily of the service"),
                invalid(Cause.FAMILY_MISMATCH,
                        "one IP of a dual PreferDualStack service (MetalLB compares families strictly)",
                        dual(IpFamilyPolicy.PREFER_DUAL_STACK, IPV4).withAnnotations(Map.of(IPS, "198.51.100.7")),
                        "requested loadBalancer IP(s) [\"198.51.100.7\"] does not match the ipFamily of the service"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestedIps")
    void readsRequestedIps(String name, Service service, String expected) {
        checkRow(service, expected, r -> assertThat(r.requestedIps())
                .isEqualTo(expected.isEmpty() ? List.of() : ips(expected.split(","))));
    }

    static Stream<Arguments> families() {
        Service noClusterIps = v4().withClusterIps(List.of());
        return Stream.of(
                // name, service, expected families (primary first) or the Invalid reason
                Arguments.of("SingleStack IPv4", v4(), "IPv4"),
                Arguments.of("SingleStack IPv6", v6(), "IPv6"),
                Arguments.of("RequireDualStack, v4 primary", dual(IpFamilyPolicy.REQUIRE_DUAL_STACK, IPV4),
                        "IPv4,IPv6"),
                Arguments.of("RequireDualStack, v6 primary", dual(IpFamilyPolicy.REQUIRE_DUAL_STACK, IPV6),
                        "IPv6,IPv4"),
                Arguments.of("PreferDualStack on a dual cluster", dual(IpFamilyPolicy.PREFER_DUAL_STACK, IPV4),
                        "IPv4,IPv6"),
                Arguments.of("PreferDualStack on a single-stack cluster",
                        v6().withFamilies(IpFamilyPolicy.PREFER_DUAL_STACK, List.of(IPV6)), "IPv6"),
                Arguments.of("v6 cluster IP first but no ipFamilies: IPv4 is primary, as in MetalLB",
                        v4().withFamilies(IpFamilyPolicy.REQUIRE_DUAL_STACK, List.of())
                                .withClusterIps(ips("2001:db8::200", "198.51.100.200")), "IPv4,IPv6"),
                Arguments.of("RequireDualStack with one cluster IP",
                        v4().withFamilies(IpFamilyPolicy.REQUIRE_DUAL_STACK, List.of(IPV4, IPV6)),
                        "!NOT_ENOUGH_CLUSTER_IPS|Service requires dual stack but not enough clusterips"
                                + " [198.51.100.200]"),
                Arguments.of("two cluster IPs of one family",
                        v4().withClusterIps(ips("198.51.100.200", "198.51.100.201")),
                        "!BAD_CLUSTER_IPS|IPFamilyForAddresses: same address family"
                                + " [\"198.51.100.200\" \"198.51.100.201\"]"),
                Arguments.of("no cluster IPs: ipFamilies", noClusterIps.withFamilies(IpFamilyPolicy.SINGLE_STACK,
                        List.of(IPV6)), "IPv6"),
                Arguments.of("no cluster IPs: SingleStack keeps the first family",
                        noClusterIps.withFamilies(IpFamilyPolicy.SINGLE_STACK, List.of(IPV6, IPV4)), "IPv6"),
                Arguments.of("no cluster IPs: RequireDualStack adds the other family",
                        noClusterIps.withFamilies(IpFamilyPolicy.REQUIRE_DUAL_STACK, List.of(IPV6)), "IPv6,IPv4"),
                Arguments.of("no cluster IPs: PreferDualStack keeps what is listed",
                        noClusterIps.withFamilies(IpFamilyPolicy.PREFER_DUAL_STACK, List.of(IPV4, IPV6)),
                        "IPv4,IPv6"),
                Arguments.of("no cluster IPs, no ipFamilies: the requested IP's family",
                        noClusterIps.withFamilies(IpFamilyPolicy.SINGLE_STACK, List.of())
                                .withLoadBalancerIp("2001:db8::9"), "IPv6"),
                Arguments.of("nothing at all: IPv4",
                        noClusterIps.withFamilies(IpFamilyPolicy.SINGLE_STACK, List.of()), "IPv4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void derivesFamiliesFromClusterIps(String name, Service service, String expected) {
        checkRow(service, expected, r -> {
            assertThat(r.families()).extracting(IpFamily::kubernetesName).containsExactly(expected.split(","));
            assertThat(r.policy()).isEqualTo(service.ipFamilyPolicy());
        });
    }

    /** A table row expects either {@code !CAUSE|reason} (Invalid) or a request that {@code check} accepts. */
    private static void checkRow(Service service, String expected, Consumer<AllocationRequest> check) {
        if (expected.startsWith("!")) {
            int bar = expected.indexOf('|');
            assertThat(AllocationRequest.from(service, Map.of())).isEqualTo(new AllocationRequest.Invalid(
                    expected.substring(bar + 1), Cause.valueOf(expected.substring(1, bar))));
        } else {
            check.accept(request(service));
        }
    }

    @Test
    void backendKeyIsEmptyForClusterAndTheSortedSelectorForLocal() {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put("b", "2");
        selector.put("a", "1");
        Service cluster = v4().withTrafficPolicy(ExternalTrafficPolicy.CLUSTER, selector);
        Service local = v4().withTrafficPolicy(ExternalTrafficPolicy.LOCAL, selector);
        assertThat(request(cluster).backendKey()).isEmpty();
        assertThat(request(local).backendKey()).isEqualTo("a=1,b=2");
        assertThat(request(v4().withTrafficPolicy(ExternalTrafficPolicy.LOCAL, Map.of())).backendKey()).isEmpty();
    }

    @Test
    void readsPoolAndSharingKeyUnderEitherPrefix() {
        AllocationRequest r = request(v4().withAnnotations(Map.of(POOL, "gold", SHARE, "k1")));
        assertThat(r.requestedPool()).contains("gold");
        assertThat(r.sharingKey()).contains("k1");
        AllocationRequest old = request(v4().withAnnotations(Map.of(OLD_POOL, "silver", OLD_SHARE, "k2")));
        assertThat(old.requestedPool()).contains("silver");
        assertThat(old.sharingKey()).contains("k2");
        AllocationRequest both = request(v4().withAnnotations(
                Map.of(POOL, "gold", OLD_POOL, "silver", SHARE, "k1", OLD_SHARE, "k2")));
        assertThat(both.requestedPool()).contains("gold");
        assertThat(both.sharingKey()).contains("k1");
        // A present but empty metallb.io key wins and means "not asked for", as in MetalLB.
        AllocationRequest empty = request(v4().withAnnotations(Map.of(POOL, "", OLD_POOL, "silver", SHARE, "",
                OLD_SHARE, "k2")));
        assertThat(empty.requestedPool()).isEmpty();
        assertThat(empty.sharingKey()).isEmpty();
        AllocationRequest none = request(v4());
        assertThat(none.requestedPool()).isEmpty();
        assertThat(none.sharingKey()).isEmpty();
    }

    @Test
    void warnsAboutEveryDeprecatedAnnotation() {
        AllocationRequest.Parsed parsed = AllocationRequest.from(v4().withAnnotations(
                Map.of(OLD_POOL, "silver", POOL, "gold", OLD_SHARE, "k", "metallb.universe.tf/other", "x")), Map.of());
        assertThat(((AllocationRequest.Ok) parsed).warnings()).containsExactly(
                "Service uses deprecated annotation metallb.universe.tf/address-pool",
                "Service uses deprecated annotation metallb.universe.tf/allow-shared-ip",
                "Service uses deprecated annotation metallb.universe.tf/other");
        assertThat(((AllocationRequest.Ok) AllocationRequest.from(v4().withAnnotations(Map.of(POOL, "gold")),
                Map.of())).warnings()).isEmpty();
    }

    @Test
    void carriesKeyPortsAndLabels() {
        Service s = v4().withLabels(Map.of("app", "web"));
        AllocationRequest r = ((AllocationRequest.Ok) AllocationRequest.from(s, Map.of("team", "a"))).request();
        assertThat(r.key()).isEqualTo(KEY);
        assertThat(r.ports()).containsExactly(ServicePort.tcp(80));
        assertThat(r.serviceLabels()).isEqualTo(Map.of("app", "web"));
        assertThat(r.namespaceLabels()).isEqualTo(Map.of("team", "a"));
        assertThat(AllocationRequest.simple(KEY, IPV6, ServicePort.udp(53)).families()).containsExactly(IPV6);
    }

    @Test
    void annotationLookupPrefersTheCurrentPrefix() {
        assertThat(ServiceAnnotations.lookup(Map.of(POOL, "a", OLD_POOL, "b"), ServiceAnnotations.ADDRESS_POOL))
                .contains(new ServiceAnnotations.Found(POOL, "a", false));
        assertThat(ServiceAnnotations.lookup(Map.of(OLD_POOL, "b"), ServiceAnnotations.ADDRESS_POOL))
                .contains(new ServiceAnnotations.Found(OLD_POOL, "b", true));
        assertThat(ServiceAnnotations.lookup(Map.of(), ServiceAnnotations.ADDRESS_POOL)).isEqualTo(Optional.empty());
    }

    private static AllocationRequest request(Service service) {
        AllocationRequest.Parsed parsed = AllocationRequest.from(service, Map.of());
        assertThat(parsed).isInstanceOf(AllocationRequest.Ok.class);
        return ((AllocationRequest.Ok) parsed).request();
    }

    private static Arguments ok(String name, Service service, String ips) {
        return Arguments.of(name, service, ips);
    }

    private static Arguments invalid(Cause cause, String name, Service service, String reason) {
        return Arguments.of(name, service, "!" + cause.name() + "|" + reason);
    }

    private static List<IpAddress> ips(String... texts) {
        return Arrays.stream(texts).map(IpAddress::parse).toList();
    }
}
