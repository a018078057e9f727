package io.metallb.benchmarks;

import io.metallb.api.net.IpFamily;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.Allocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One allocation into a big pool, at several fills. {@link #allocateAndRelease}: {@code allocate} of a fresh
 * service then {@code release} of it, measured together, so the fill (and the free-space layout) is the same
 * for every invocation; the figure is alloc+release, an upper bound of one allocation. {@link #allocateOnly}:
 * allocation alone, batches of {@value #BATCH} released between measured calls.
 *
 * <p>Layouts: {@code fragmented} fills the whole pool then releases every other address (50%) or every 100th
 * (99%), leaving single-address holes all over it, as churn does in a long-lived cluster; {@code contiguous}
 * allocates the first addresses in order, leaving one free block (the allocator's best case).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AllocatorBenchmark {

    /** 2^20 addresses: the IPv4 pool holds exactly this many. */
    static final int POOL_SIZE = 1 << 20;

    /** Services allocated per measured call of {@link #allocateOnly}. */
    static final int BATCH = 100;

    private static final ServicePort HTTP = ServicePort.tcp(80);

    /** An allocator whose 2^20-address IPv4 pool is {@code fill}% full. */
    @State(Scope.Benchmark)
    public static class V4Pool {

        @Param({"0", "50", "99"})
        public int fill;

        @Param({"fragmented", "contiguous"})
        public String layout;

        Allocator allocator;
        AllocationRequest probe;

        @Setup
        public void fill() {
            allocator = Pools.allocator(Pools.pool("bench-v4-2to20", "10.0.0.0/12"));
            int target = (int) ((long) POOL_SIZE * fill / 100);
            if (target > 0 && layout.equals("fragmented")) {
                Pools.fill(allocator, IpFamily.IPV4, "svc-", POOL_SIZE);
                int every = fill == 50 ? 2 : 100;
                Pools.releaseEvery(allocator, "svc-", POOL_SIZE, every);
            } else {
                Pools.fill(allocator, IpFamily.IPV4, "svc-", target);
            }
            Pools.checkInUse(allocator, target);
            probe = AllocationRequest.simple(new ServiceKey(Pools.NAMESPACE, "probe"), IpFamily.IPV4, HTTP);
        }
    }

    /** An allocator with an IPv6 /64 pool, empty or holding 2^19 addresses spread over 2^20 (every other). */
    @State(Scope.Benchmark)
    public static class V6Pool {

        @Param({"0", "524288"})
        public int assigned;

        Allocator allocator;
        AllocationRequest probe;

        @Setup
        public void fill() {
            allocator = Pools.allocator(Pools.pool("bench-v6-64", "2001:db8::/64"));
            if (assigned > 0) {
                Pools.fill(allocator, IpFamily.IPV6, "svc-", 2 * assigned);
                Pools.releaseEvery(allocator, "svc-", 2 * assigned, 2);
            }
            Pools.checkInUse(allocator, assigned);
            probe = AllocationRequest.simple(new ServiceKey(Pools.NAMESPACE, "probe"), IpFamily.IPV6, HTTP);
        }
    }

    /**
     * {@value #BATCH} fresh services, allocated in the measured call ({@link #allocateOnly}) and released again
     * before the next call, outside the measurement: allocation alone, at a fill that moves by at most
     * {@value #BATCH} addresses.
     */
    @State(Scope.Benchmark)
    public static class Batch {

        final AllocationRequest[] requests = new AllocationRequest[BATCH];

        @Setup
        public void create() {
            for (int i = 0; i < BATCH; i++) {
                requests[i] = AllocationRequest.simple(Pools.key("batch-", i), IpFamily.IPV4, HTTP);
            }
        }

        @Setup(Level.Invocation)
        public void releaseAll(V4Pool pool) {
            for (AllocationRequest r : requests) {
                pool.allocator.release(r.key());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void allocateOnly(V4Pool s, Batch batch, Blackhole bh) {
        for (AllocationRequest r : batch.requests) {
            AllocationResult result = s.allocator.allocate(r);
            if (!(result instanceof AllocationResult.Allocated)) {
                throw new IllegalStateException("batch allocation refused: " + result);
            }
            bh.consume(result);
        }
    }

    @Benchmark
    public AllocationResult allocateAndRelease(V4Pool s) {
        return allocateAndRelease(s.allocator, s.probe);
    }

    @Benchmark
    public AllocationResult allocateAndReleaseV6(V6Pool s) {
        return allocateAndRelease(s.allocator, s.probe);
    }

    private static AllocationResult allocateAndRelease(Allocator allocator, AllocationRequest probe) {
        AllocationResult r = allocator.allocate(probe);
        if (!(r instanceof AllocationResult.Allocated)) {
            throw new IllegalStateException("probe allocation refused: " + r);
        }
        allocator.release(probe.key());
        return r;
    }
}
