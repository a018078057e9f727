package io.metallb.allocator;

import static io.metallb.allocator.Fixtures.avoidBuggy;
import static io.metallb.allocator.Fixtures.config;
import static io.metallb.allocator.Fixtures.ip;
import static io.metallb.allocator.Fixtures.ips;
import static io.metallb.allocator.Fixtures.manual;
import static io.metallb.allocator.Fixtures.pinned;
import static io.metallb.allocator.Fixtures.pool;
import static io.metallb.allocator.Fixtures.refusal;
import static io.metallb.allocator.Fixtures.req;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.IpFamilyPolicy;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.PoolUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per allocation rule, named for what it shows. */
class DefaultAllocatorTest {

    private final DefaultAllocator alloc = new DefaultAllocator();

    @Test
    void lowestFreeAddressFirstIncludingTheNetworkAddress() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        assertThat(ips(alloc.allocate(req("ns/s1").build()))).containsExactly(ip("198.51.100.0"));
        assertThat(ips(alloc.allocate(req("ns/s2").build()))).containsExactly(ip("198.51.100.1"));
    }

    @Test
    void avoidBuggyIpsSkipsDotZeroAndDot255() {
        alloc.setConfig(config(avoidBuggy(pool("a", "198.51.100.254-198.51.101.1"))));
        assertThat(ips(alloc.allocate(req("ns/s1").build()))).containsExactly(ip("198.51.100.254"));
        assertThat(ips(alloc.allocate(req("ns/s2").build()))).containsExactly(ip("198.51.101.1"));
        assertThat(refusal(alloc.allocate(req("ns/s3").build())))
                .isEqualTo("no available IPs: pool \"a\" has no free IPv4 address (2 of 2 in use)");
    }

    @Test
    void avoidBuggyIpsRefusesARequestedDotZero() {
        alloc.setConfig(config(avoidBuggy(pool("a", "198.51.100.0/24"))));
        assertThat(refusal(alloc.allocate(req("ns/s1").ip("198.51.100.0").build())))
                .isEqualTo("198.51.100.0 is not in any pool");
    }

    @Test
    void previousAssignmentIsReassertedNotMoved() {
        alloc.setConfig(config(pool("a", "198.51.100.0/29")));
        alloc.allocate(req("ns/s1").build());
        List<?> second = ips(alloc.allocate(req("ns/s2").build()));
        alloc.release(ServiceKey.parse("ns/s1"));
        assertThat(ips(alloc.allocate(req("ns/s2").build()))).isEqualTo(second);
    }

    @Test
    void fullPoolSaysHowFull() {
        alloc.setConfig(config(pool("prod", "203.0.113.0/31")));
        alloc.allocate(req("ns/s1").build());
        alloc.allocate(req("ns/s2").build());
        assertThat(refusal(alloc.allocate(req("ns/s3").build())))
                .isEqualTo("no available IPs: pool \"prod\" has no free IPv4 address (2 of 2 in use)");
    }

    @Test
    void releaseFreesTheAddressForTheNextService() {
        alloc.setConfig(config(pool("a", "198.51.100.7/32")));
        alloc.allocate(req("ns/s1").build());
        alloc.release(ServiceKey.parse("ns/s1"));
        assertThat(ips(alloc.allocate(req("ns/s2").build()))).containsExactly(ip("198.51.100.7"));
        assertThat(alloc.usage()).containsExactly(new PoolUsage("a", 1, 1, 0, 0));
    }

    @Test
    void autoAssignFalsePoolIsNotUsedUnlessAskedFor() {
        alloc.setConfig(config(manual(pool("manual", "198.51.100.0/30"))));
        assertThat(refusal(alloc.allocate(req("ns/s1").build())))
                .contains("pool \"manual\" has autoAssign false");
        assertThat(ips(alloc.allocate(req("ns/s2").pool("manual").build()))).containsExactly(ip("198.51.100.0"));
        assertThat(ips(alloc.allocate(req("ns/s3").ip("198.51.100.3").build())))
                .containsExactly(ip("198.51.100.3"));
    }

    @Test
    void unknownRequestedPoolIsRefused() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        assertThat(refusal(alloc.allocate(req("ns/s1").pool("nope").build()))).isEqualTo("unknown pool \"nope\"");
    }

    @Test
    void requestedIpOutsideEveryPoolIsRefused() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        assertThat(refusal(alloc.allocate(req("ns/s1").ip("203.0.113.9").build())))
                .isEqualTo("203.0.113.9 is not in any pool");
    }

    @Test
    void requestedIpMustBeInTheRequestedPool() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30"), pool("b", "203.0.113.0/30")));
        assertThat(refusal(alloc.allocate(req("ns/s1").ip("203.0.113.1").pool("a").build())))
                .isEqualTo("requested IPs [203.0.113.1] are in pool \"b\", not in the requested pool \"a\"");
    }

    @Test
    void requestedIpHeldByAServiceThatDoesNotShareIsRefused() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        alloc.allocate(req("default/web").ip("198.51.100.2").build());
        assertThat(refusal(alloc.allocate(req("ns/other").ip("198.51.100.2").build())))
                .isEqualTo("198.51.100.2 is used by default/web, which does not allow sharing");
    }

    @Test
    void sameSharingKeyAndDisjointPortsShareOneAddress() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        alloc.allocate(req("ns/other").build());
        var tcp = ips(alloc.allocate(req("ns/dns-tcp").share("k").ports(ServicePort.tcp(53)).build()));
        var udp = ips(alloc.allocate(req("ns/dns-udp").share("k").ports(ServicePort.udp(53)).build()));
        assertThat(udp).isEqualTo(tcp).containsExactly(ip("198.51.100.1"));
        assertThat(alloc.usage().get(0).v4InUse()).isEqualTo(2);
    }

    @Test
    void sharersPortOverlapGetsAnotherAddressOrIsRefusedWhenRequested() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        alloc.allocate(req("ns/one").share("k").build());
        assertThat(ips(alloc.allocate(req("ns/two").share("k").build()))).containsExactly(ip("198.51.100.1"));
        assertThat(refusal(alloc.allocate(req("ns/three").share("k").ip("198.51.100.0").build())))
                .isEqualTo("198.51.100.0 is used by ns/one on port TCP/80");
    }

    @Test
    void differentSharingKeysCannotShare() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        alloc.allocate(req("default/web").share("k1").ip("198.51.100.1").build());
        assertThat(refusal(alloc.allocate(req("ns/x").share("k2").ports(ServicePort.tcp(443))
                .ip("198.51.100.1").build())))
                .isEqualTo("198.51.100.1 is used by default/web with sharing key \"k1\" (this service: \"k2\")");
    }

    @Test
    void localPolicySharersMustSelectTheSamePods() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        alloc.allocate(req("ns/a").share("k").backend("app=a").ip("198.51.100.1").build());
        assertThat(refusal(alloc.allocate(req("ns/b").share("k").backend("app=b").ports(ServicePort.tcp(81))
                .ip("198.51.100.1").build()))).contains("with backend \"app=a\" (this service: \"app=b\")");
        assertThat(ips(alloc.allocate(req("ns/c").share("k").backend("app=a").ports(ServicePort.tcp(82))
                .ip("198.51.100.1").build()))).containsExactly(ip("198.51.100.1"));
    }

    @Test
    void soleUserMayChangeItsSharingKey() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        var first = ips(alloc.allocate(req("ns/a").share("k1").build()));
        assertThat(ips(alloc.allocate(req("ns/a").share("k2").build()))).isEqualTo(first);
    }

    @Test
    void sharerCannotChangeKeyWhileOthersUseTheAddress() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        alloc.allocate(req("ns/a").share("k1").ports(ServicePort.tcp(1)).build());
        alloc.allocate(req("ns/b").share("k1").ports(ServicePort.tcp(2)).build());
        var moved = ips(alloc.allocate(req("ns/a").share("k2").ports(ServicePort.tcp(1)).build()));
        assertThat(moved).containsExactly(ip("198.51.100.1"));
        assertThat(alloc.assignment(ServiceKey.parse("ns/b")).orElseThrow().ips()).containsExactly(ip("198.51.100.0"));
    }

    @Test
    void namespacePinnedPoolWinsOverTheGeneralPool() {
        alloc.setConfig(config(pool("general", "198.51.100.0/30"),
                pinned(pool("team", "203.0.113.0/30"), null, List.of("team"), List.of(), List.of())));
        assertThat(ips(alloc.allocate(req("team/s").build()))).containsExactly(ip("203.0.113.0"));
        assertThat(ips(alloc.allocate(req("other/s").build()))).containsExactly(ip("198.51.100.0"));
    }

    @Test
    void pinnedPoolIsNeverAFallbackForOtherNamespaces() {
        alloc.setConfig(config(pinned(pool("team", "203.0.113.0/30"), null, List.of("team"), List.of(),
                List.of())));
        assertThat(refusal(alloc.allocate(req("other/s").build())))
                .isEqualTo("no available IPs: pool \"team\" is reserved for other namespaces"
                        + " (serviceAllocation.namespaces/namespaceSelectors)");
    }

    @Test
    void lowerPriorityNumberWinsAndUnsetComesLast() {
        alloc.setConfig(config(
                pinned(pool("unset", "198.51.100.0/30"), null, List.of(), List.of(), List.of()),
                pinned(pool("p20", "198.51.100.8/30"), 20, List.of(), List.of(), List.of()),
                pinned(pool("p10", "203.0.113.0/31"), 10, List.of(), List.of(), List.of())));
        assertThat(ips(alloc.allocate(req("ns/a").build()))).containsExactly(ip("203.0.113.0"));
        alloc.allocate(req("ns/b").build());
        assertThat(ips(alloc.allocate(req("ns/c").build()))).containsExactly(ip("198.51.100.8"));
    }

    @Test
    void equalPrioritiesAreOrderedByPoolName() {
        alloc.setConfig(config(pinned(pool("b", "198.51.100.0/30"), 5, List.of(), List.of(), List.of()),
                pinned(pool("a", "203.0.113.0/30"), 5, List.of(), List.of(), List.of())));
        assertThat(alloc.allocate(req("ns/s").build()))
                .extracting(r -> ((AllocationResult.Allocated) r).assignment().pool()).isEqualTo("a");
    }

    @Test
    void namespaceSelectorAndServiceSelectorPinAPool() {
        LabelSelector prod = LabelSelector.ofLabels(Map.of("env", "prod"));
        alloc.setConfig(config(pool("general", "198.51.100.0/30"),
                pinned(pool("ns-sel", "203.0.113.0/30"), null, List.of(), List.of(prod), List.of()),
                pinned(pool("svc-sel", "203.0.113.8/30"), null, List.of(), List.of(),
                        List.of(LabelSelector.ofLabels(Map.of("tier", "edge"))))));
        assertThat(ips(alloc.allocate(req("x/a").nsLabels(Map.of("env", "prod")).build())))
                .containsExactly(ip("203.0.113.0"));
        assertThat(ips(alloc.allocate(req("x/b").labels(Map.of("tier", "edge")).build())))
                .containsExactly(ip("203.0.113.8"));
        assertThat(ips(alloc.allocate(req("x/c").build()))).containsExactly(ip("198.51.100.0"));
    }

    @Test
    void requireDualStackTakesBothFamiliesFromOnePool() {
        alloc.setConfig(config(pool("v4only", "198.51.100.0/30"),
                pool("dual", "203.0.113.0/30", "2001:db8::/126")));
        assertThat(alloc.allocate(req("ns/d").dual(IpFamilyPolicy.REQUIRE_DUAL_STACK).build()))
                .isEqualTo(new AllocationResult.Allocated(new io.metallb.api.spi.Assignment(
                        ServiceKey.parse("ns/d"), List.of(ip("203.0.113.0"), ip("2001:db8::")), "dual")));
    }

    @Test
    void requireDualStackRefusedWhenFamiliesAreInDifferentPools() {
        alloc.setConfig(config(pool("v4", "198.51.100.0/30"), pool("v6", "2001:db8::/126")));
        assertThat(refusal(alloc.allocate(req("ns/d").dual(IpFamilyPolicy.REQUIRE_DUAL_STACK).build())))
                .contains("pool \"v4\" has no IPv6 addresses").contains("pool \"v6\" has no IPv4 addresses");
    }

    @Test
    void preferDualStackFallsBackToThePrimaryFamily() {
        alloc.setConfig(config(pool("v6", "2001:db8::/126"), pool("v4", "198.51.100.0/30")));
        assertThat(ips(alloc.allocate(req("ns/d").dual(IpFamilyPolicy.PREFER_DUAL_STACK).build())))
                .containsExactly(ip("198.51.100.0"));
    }

    @Test
    void preferDualStackWidensToTheOtherFamilyWhenThePoolGainsIt() {
        alloc.setConfig(config(pool("p", "198.51.100.0/30")));
        assertThat(ips(alloc.allocate(req("ns/d").dual(IpFamilyPolicy.PREFER_DUAL_STACK).build())))
                .containsExactly(ip("198.51.100.0"));
        alloc.setConfig(config(pool("p", "198.51.100.0/30", "2001:db8::/126")));
        assertThat(ips(alloc.allocate(req("ns/d").dual(IpFamilyPolicy.PREFER_DUAL_STACK).build())))
                .containsExactly(ip("198.51.100.0"), ip("2001:db8::"));
    }

    @Test
    void ipv6SingleStackFromA64() {
        alloc.setConfig(config(pool("v6", "2001:db8:1::/64")));
        assertThat(ips(alloc.allocate(req("ns/a").v6().build()))).containsExactly(ip("2001:db8:1::"));
        assertThat(alloc.usage().get(0).v6Total()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void configChangeReleasesOnlyWhatFallsOutside() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30"), pool("b", "203.0.113.0/30")));
        alloc.allocate(req("ns/in-a").build());
        alloc.allocate(req("ns/in-b").pool("b").build());
        List<ServiceKey> released = alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        assertThat(released).containsExactly(ServiceKey.parse("ns/in-b"));
        assertThat(alloc.assignment(ServiceKey.parse("ns/in-a")).orElseThrow().ips())
                .containsExactly(ip("198.51.100.0"));
        assertThat(alloc.assignment(ServiceKey.parse("ns/in-b"))).isEmpty();
    }

    @Test
    void configChangeRehomesIntoARenamedPool() {
        alloc.setConfig(config(pool("old", "198.51.100.0/30")));
        alloc.allocate(req("ns/s").build());
        assertThat(alloc.setConfig(config(pool("new", "198.51.100.0/29")))).isEmpty();
        assertThat(alloc.assignment(ServiceKey.parse("ns/s")).orElseThrow().pool()).isEqualTo("new");
        assertThat(alloc.usage()).containsExactly(new PoolUsage("new", 1, 8, 0, 0));
    }

    @Test
    void serviceAllocationChangeMovesTheServiceOnItsNextAllocation() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30"), pool("b", "203.0.113.0/30")));
        alloc.allocate(req("team/s").build());
        alloc.setConfig(config(pinned(pool("a", "198.51.100.0/30"), null, List.of("other"), List.of(), List.of()),
                pool("b", "203.0.113.0/30")));
        assertThat(ips(alloc.allocate(req("team/s").build()))).containsExactly(ip("203.0.113.0"));
    }

    @Test
    void restoredAddressesAreNotGivenToNewServices() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        assertThat(ips(alloc.restore(req("ns/old").build(), List.of(ip("198.51.100.0")))))
                .containsExactly(ip("198.51.100.0"));
        assertThat(ips(alloc.allocate(req("ns/new").build()))).containsExactly(ip("198.51.100.1"));
        assertThat(ips(alloc.allocate(req("ns/old").build()))).containsExactly(ip("198.51.100.0"));
    }

    @Test
    void restoringAClashingAddressIsRefused() {
        alloc.setConfig(config(pool("a", "198.51.100.0/30")));
        alloc.restore(req("ns/first").build(), List.of(ip("198.51.100.1")));
        assertThat(refusal(alloc.restore(req("ns/second").build(), List.of(ip("198.51.100.1")))))
                .isEqualTo("198.51.100.1 is used by ns/first, which does not allow sharing");
    }

    @Test
    void noPoolsAtAll() {
        assertThat(refusal(alloc.allocate(req("ns/s").build()))).isEqualTo("no IPAddressPool is configured");
    }

    @Test
    void millionAddressPoolAllocatesAtTheEnd() {
        alloc.setConfig(config(pool("big", "10.0.0.0/12")));
        alloc.restore(req("ns/first").build(), List.of(ip("10.0.0.0")));
        assertThat(ips(alloc.allocate(req("ns/last").ip("10.15.255.255").build())))
                .containsExactly(ip("10.15.255.255"));
        assertThat(alloc.usage()).containsExactly(new PoolUsage("big", 2, 1 << 20, 0, 0));
    }

    @Test
    void requestedPoolStillHonoursServiceAllocation() {
        alloc.setConfig(config(pinned(pool("team", "203.0.113.0/30"), null, List.of("team"), List.of(),
                List.of())));
        assertThat(refusal(alloc.allocate(req("other/s").pool("team").build())))
                .isEqualTo("pool \"team\" is reserved for other namespaces"
                        + " (serviceAllocation.namespaces/namespaceSelectors)");
    }
}
