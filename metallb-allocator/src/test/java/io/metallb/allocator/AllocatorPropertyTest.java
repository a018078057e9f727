package io.metallb.allocator;

import static io.metallb.allocator.Fixtures.config;
import static io.metallb.allocator.Fixtures.manual;
import static io.metallb.allocator.Fixtures.pinned;
import static io.metallb.allocator.Fixtures.pool;
import static io.metallb.allocator.Fixtures.avoidBuggy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.metallb.api.config.Config;
import io.metallb.api.config.IpAddressPool;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.IpFamilyPolicy;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.Assignment;
import io.metallb.api.spi.PoolUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of allocate, request-a-specific-IP, share, release, change-pools and restart-and-recover,
 * checked after every step against invariants recomputed from scratch.
 */
class AllocatorPropertyTest {

    private static final List<Config> CONFIGS = List.of(
            config(pool("a", "198.51.100.0/29", "2001:db8::/125"), manual(pool("b", "203.0.113.0/30")),
                    pinned(pool("c", "198.51.100.16/30"), 1, List.of("team"), List.of(), List.of())),
            config(pool("a", "198.51.100.0/30", "2001:db8::/126"),
                    pinned(pool("c", "198.51.100.16/29"), null, List.of("team"), List.of(), List.of())),
            config(avoidBuggy(pool("renamed", "198.51.100.0/24")), pool("v6", "2001:db8::/120")));

    private static final String[] NAMESPACES = {"ns", "team"};

    @Test
    void invariantsHoldAfterEveryStep() {
        qt().withExamples(300).withShrinkCycles(200)
                .forAll(lists().of(longs().between(0, Long.MAX_VALUE)).ofSizeBetween(1, 80))
                .checkAssert(seeds -> {
                    List<String> first = run(seeds);
                    assertThat(run(seeds)).as("same inputs give the same outputs").isEqualTo(first);
                });
    }

    /** Runs the actions, checking invariants after each; returns a trace of every answer. */
    private static List<String> run(List<Long> seeds) {
        DefaultAllocator alloc = new DefaultAllocator();
        int configIndex = 0;
        alloc.setConfig(CONFIGS.get(0));
        Map<ServiceKey, AllocationRequest> granted = new TreeMap<>();
        List<String> trace = new ArrayList<>();
        for (long seed : seeds) {
            int action = (int) (seed % 10);
            long s = seed / 10;
            ServiceKey key = new ServiceKey(NAMESPACES[(int) (s % 2)], "s" + (s / 2 % 12));
            s /= 24;
            switch (action) {
                case 0, 1, 2, 3, 4, 5 -> {
                    AllocationRequest r = request(key, s);
                    AllocationResult result = alloc.allocate(r);
                    trace.add(key + " " + result);
                    if (result instanceof AllocationResult.Allocated) {
                        granted.put(key, r);
                    } else {
                        granted.remove(key);
                    }
                }
                case 6 -> {
                    alloc.release(key);
                    granted.remove(key);
                    trace.add("release " + key);
                }
                case 7, 8 -> {
                    configIndex = (int) (s % CONFIGS.size());
                    List<ServiceKey> released = alloc.setConfig(CONFIGS.get(configIndex));
                    released.forEach(granted::remove);
                    trace.add("config " + configIndex + " released " + released);
                }
                default -> {
                    alloc = restart(alloc, CONFIGS.get(configIndex), granted);
                    trace.add("restart");
                }
            }
            checkInvariants(alloc, granted);
        }
        return trace;
    }

    private static AllocationRequest request(ServiceKey key, long s) {
        int familyChoice = (int) (s % 5);
        s /= 5;
        List<IpFamily> families = switch (familyChoice) {
            case 0, 1 -> List.of(IpFamily.IPV4);
            case 2 -> List.of(IpFamily.IPV6);
            default -> List.of(IpFamily.IPV4, IpFamily.IPV6);
        };
        IpFamilyPolicy policy = familyChoice == 3 ? IpFamilyPolicy.REQUIRE_DUAL_STACK
                : familyChoice == 4 ? IpFamilyPolicy.PREFER_DUAL_STACK : IpFamilyPolicy.SINGLE_STACK;
        Optional<String> sharing = switch ((int) (s % 3)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of("k1");
            default -> Optional.of("k2");
        };
        s /= 3;
        ServicePort port = new ServicePort(s % 2 == 0 ? ServicePort.Protocol.TCP : ServicePort.Protocol.UDP,
                (int) (s / 2 % 3) + 80);
        s /= 6;
        Optional<String> pool = switch ((int) (s % 6)) {
            case 0 -> Optional.of("b");
            case 1 -> Optional.of("c");
            default -> Optional.empty();
        };
        s /= 6;
        List<IpAddress> requested = List.of();
        if (s % 4 == 0 && families.size() == 1) {
            requested = List.of(families.get(0) == IpFamily.IPV4
                    ? IpAddress.ofV4(0xC6336400 + (int) (s / 4 % 24)) // 198.51.100.0 + n
                    : IpAddress.parse("2001:db8::" + Long.toHexString(s / 4 % 10)));
        }
        String backend = s % 3 == 0 ? "app=x" : "";
        return new AllocationRequest(key, families, policy, requested, pool, sharing, backend, List.of(port),
                Map.of(), Map.of());
    }

    private static DefaultAllocator restart(DefaultAllocator old, Config config,
            Map<ServiceKey, AllocationRequest> granted) {
        DefaultAllocator fresh = new DefaultAllocator();
        fresh.setConfig(config);
        for (Map.Entry<ServiceKey, AllocationRequest> e : granted.entrySet()) {
            Assignment before = old.assignment(e.getKey()).orElseThrow();
            AllocationResult r = fresh.restore(e.getValue(), before.ips());
            assertThat(r).as("recovery of %s", e.getKey()).isEqualTo(new AllocationResult.Allocated(before));
        }
        return fresh;
    }

    private static void checkInvariants(DefaultAllocator alloc, Map<ServiceKey, AllocationRequest> granted) {
        Config config = alloc.config();
        Map<IpAddress, List<ServiceKey>> holders = new HashMap<>();
        for (ServiceKey key : granted.keySet()) {
            Assignment a = alloc.assignment(key).orElseThrow(() -> new AssertionError(key + " lost its lease"));
            IpAddressPool pool = config.pool(a.pool()).orElseThrow();
            assertThat(new PoolSpace(pool).serviceAllocationRefusal(granted.get(key)))
                    .as("pool %s admits %s", pool.name(), key).isEmpty();
            granted.get(key).requestedPool().ifPresent(p -> assertThat(a.pool()).isEqualTo(p));
            if (!granted.get(key).requestedIps().isEmpty()) {
                assertThat(a.ips()).containsExactlyInAnyOrderElementsOf(granted.get(key).requestedIps());
            }
            for (IpAddress ip : a.ips()) {
                assertThat(pool.addresses().stream().anyMatch(r -> r.contains(ip)))
                        .as("%s of %s inside pool %s", ip, key, pool.name()).isTrue();
                if (pool.avoidBuggyIps() && ip.isV4()) {
                    assertThat(ip.low() & 0xFF).isNotIn(0L, 255L);
                }
                holders.computeIfAbsent(ip, k -> new ArrayList<>()).add(key);
            }
            assertThat(a.ips().stream().map(IpAddress::family).distinct().count()).isEqualTo(a.ips().size());
        }
        for (Map.Entry<IpAddress, List<ServiceKey>> e : holders.entrySet()) {
            List<AllocationRequest> on = e.getValue().stream().map(granted::get).toList();
            if (on.size() > 1) {
                Set<ServicePort> ports = new HashSet<>();
                for (AllocationRequest r : on) {
                    assertThat(r.sharingKey()).as("sharers of %s", e.getKey()).isPresent()
                            .isEqualTo(on.get(0).sharingKey());
                    assertThat(r.backendKey()).isEqualTo(on.get(0).backendKey());
                    for (ServicePort p : r.ports()) {
                        assertThat(ports.add(p)).as("port %s used twice on %s", p, e.getKey()).isTrue();
                    }
                }
            }
        }
        for (PoolUsage u : alloc.usage()) {
            long v4 = holders.keySet().stream().filter(ip -> ip.isV4() && inPool(alloc, u.pool(), ip)).count();
            long v6 = holders.keySet().stream().filter(ip -> !ip.isV4() && inPool(alloc, u.pool(), ip)).count();
            assertThat(u.v4InUse()).as("v4 in use in %s", u.pool()).isEqualTo(v4);
            assertThat(u.v6InUse()).as("v6 in use in %s", u.pool()).isEqualTo(v6);
        }
    }

    private static boolean inPool(DefaultAllocator alloc, String pool, IpAddress ip) {
        return alloc.config().pool(pool).orElseThrow().addresses().stream().anyMatch(r -> r.contains(ip));
    }
}
