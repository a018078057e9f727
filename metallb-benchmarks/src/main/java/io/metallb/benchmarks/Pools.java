package io.metallb.benchmarks;

import io.metallb.allocator.DefaultAllocator;
import io.metallb.api.config.Config;
import io.metallb.api.config.IpAddressPool;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpRange;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.Allocator;
import java.util.Arrays;
import java.util.List;

/** Fixtures shared by the benchmarks: pools, configs, and filling an allocator through its public API. */
final class Pools {

    /** The namespace of every benchmark service. */
    static final String NAMESPACE = "bench";

    private Pools() {
    }

    /** A pool with defaults (autoAssign, no buggy-IP avoidance) over {@code cidrs}. */
    static IpAddressPool pool(String name, String... cidrs) {
        return IpAddressPool.of(name, Arrays.stream(cidrs).map(IpRange::parse).toList());
    }

    static Config config(IpAddressPool... pools) {
        return Config.of(List.of(pools), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** A fresh default allocator holding {@code pools}. */
    static Allocator allocator(IpAddressPool... pools) {
        Allocator a = new DefaultAllocator();
        a.setConfig(config(pools));
        return a;
    }

    static ServiceKey key(String prefix, int i) {
        return new ServiceKey(NAMESPACE, prefix + i);
    }

    /** Allocates services {@code prefix0 .. prefix(n-1)}, one TCP/80 address of {@code family} each. */
    static void fill(Allocator allocator, IpFamily family, String prefix, int n) {
        ServicePort http = ServicePort.tcp(80);
        for (int i = 0; i < n; i++) {
            AllocationResult r = allocator.allocate(AllocationRequest.simple(key(prefix, i), family, http));
            if (!(r instanceof AllocationResult.Allocated)) {
                throw new IllegalStateException("fill: service " + i + " of " + n + " refused: " + r);
            }
        }
    }

    /** Releases every {@code every}-th service of {@code prefix0 .. prefix(n-1)}, starting at 0. */
    static void releaseEvery(Allocator allocator, String prefix, int n, int every) {
        for (int i = 0; i < n; i += every) {
            allocator.release(key(prefix, i));
        }
    }

    /** Checks the allocator holds {@code expected} addresses in all: a fixture that filled nothing is void. */
    static void checkInUse(Allocator allocator, long expected) {
        long inUse = allocator.usage().stream().mapToLong(u -> u.v4InUse() + u.v6InUse()).sum();
        if (inUse != expected) {
            throw new IllegalStateException("addresses in use: " + inUse + " (expected: " + expected + ")");
        }
    }
}
