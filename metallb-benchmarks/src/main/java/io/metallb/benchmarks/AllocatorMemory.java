package io.metallb.benchmarks;

import io.metallb.api.net.IpFamily;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.Allocator;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Retained heap per assigned address: 1,000,000 services allocated into a 2^20-address pool, heap measured
 * (used = total - free after repeated {@code System.gc()}) with the allocator configured and empty, then full.
 * Each request is created and dropped right after {@code allocate}, so only what the allocator retains counts,
 * including the {@link ServiceKey} (and its name string) it keeps. A second measurement keeps the keys alive
 * outside the allocator in both snapshots, to show the allocator's cost when the keys are shared with the
 * caller (a controller's informer cache holds them anyway). A third fills the whole pool and releases every
 * other service, so the figure per assigned address also carries the 2^19 one-address holes of the free set,
 * as churn leaves them. Run with a fixed heap, e.g. {@code -Xmx2g}.
 */
public final class AllocatorMemory {

    static final int SERVICES = 1_000_000;
    static final long GOAL_BYTES = 100;

    private AllocatorMemory() {
    }

    public static void main(String[] args) {
        double fragmented = fragmentedPerAddress();
        double withKeys = perAddress(null);
        ServiceKey[] keys = new ServiceKey[SERVICES];
        for (int i = 0; i < SERVICES; i++) {
            keys[i] = Pools.key("svc-", i);
        }
        double sharedKeys = perAddress(keys);
        Reference.reachabilityFence(keys);
        System.out.println(String.format(Locale.ROOT,
                "allocator heap per assigned address: %.1f bytes (goal <= %d) %s, ratio %.2f"
                        + " [%d services in a 2^20 pool; requests dropped after allocate, the ServiceKey and"
                        + " its name the allocator keeps counted; %.1f bytes with the keys owned by the caller;"
                        + " %.1f bytes with 2^19 assigned and 2^19 one-address holes (every other released); %s,"
                        + " max heap %d MB]",
                withKeys, GOAL_BYTES, withKeys <= GOAL_BYTES ? "met" : "MISSED", withKeys / GOAL_BYTES, SERVICES,
                sharedKeys, fragmented, Machine.identity(), Runtime.getRuntime().maxMemory() >> 20));
    }

    /** Bytes retained per service; keys are made on the fly when {@code keys} is null. */
    private static double perAddress(ServiceKey[] keys) {
        Allocator allocator = Pools.allocator(Pools.pool("bench-v4-2to20", "10.0.0.0/12"));
        long before = usedAfterGc();
        ServicePort http = ServicePort.tcp(80);
        for (int i = 0; i < SERVICES; i++) {
            ServiceKey key = keys == null ? Pools.key("svc-", i) : keys[i];
            AllocationResult r = allocator.allocate(AllocationRequest.simple(key, IpFamily.IPV4, http));
            if (!(r instanceof AllocationResult.Allocated)) {
                throw new IllegalStateException("service " + i + " refused: " + r);
            }
        }
        Pools.checkInUse(allocator, SERVICES);
        long after = usedAfterGc();
        Reference.reachabilityFence(allocator);
        return (after - before) / (double) SERVICES;
    }

    /** Bytes retained per assigned address when every other address of the full pool has been released. */
    private static double fragmentedPerAddress() {
        Allocator allocator = Pools.allocator(Pools.pool("bench-v4-2to20", "10.0.0.0/12"));
        long before = usedAfterGc();
        int all = AllocatorBenchmark.POOL_SIZE;
        Pools.fill(allocator, IpFamily.IPV4, "svc-", all);
        Pools.releaseEvery(allocator, "svc-", all, 2);
        Pools.checkInUse(allocator, all / 2);
        long after = usedAfterGc();
        Reference.reachabilityFence(allocator);
        return (after - before) / (double) (all / 2);
    }

    /** Heap in use once repeated full collections stop freeing anything. */
    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = rt.totalMemory() - rt.freeMemory();
            if (i >= 3 && now >= used) {
                return Math.min(used, now);
            }
            used = Math.min(used, now);
        }
        return used;
    }
}
