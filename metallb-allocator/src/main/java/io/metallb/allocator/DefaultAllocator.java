package io.metallb.allocator;

import io.metallb.api.config.Config;
import io.metallb.api.config.IpAddressPool;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.IpFamilyPolicy;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.Assignment;
import io.metallb.api.spi.PoolUsage;
import io.metallb.api.spi.Reconciliation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The default {@link Allocator}: MetalLB's allocation semantics, deterministic, O(log n) per allocation.
 *
 * <p>Order of decisions for {@link #allocate}: the service's current addresses are kept when they still fit
 * the request and the config; else requested IPs; else the requested pool (autoAssign ignored, as MetalLB);
 * else pools pinned to the service by {@code serviceAllocation} in priority order, then autoAssign pools
 * without {@code serviceAllocation} in name order. All addresses of a service come from one pool. Not thread
 * safe: one controller thread owns it.
 */
public final class DefaultAllocator implements Allocator {

    private Config config = Config.EMPTY;
    private Map<String, PoolSpace> pools = new TreeMap<>();
    private final Holdings holdings = new Holdings();
    private final Placement placement = new Placement(holdings);

    @Override
    public List<ServiceKey> setConfig(Config newConfig) {
        Map<String, PoolSpace> fresh = new TreeMap<>();
        for (IpAddressPool p : newConfig.pools().values()) {
            fresh.put(p.name(), new PoolSpace(p));
        }
        List<Lease> old = holdings.all().stream().sorted(Comparator.comparing(Lease::key)).toList();
        holdings.clear();
        this.config = newConfig;
        this.pools = fresh;
        List<ServiceKey> released = new ArrayList<>();
        for (Lease lease : old) {
            // Re-home each lease into the pool that now holds all its addresses (MetalLB's SetPools).
            // A pool whose serviceAllocation no longer admits the service, or that is not the pool the
            // service asks for, releases it too: every assignment stays inside a pool its service may use.
            Optional<PoolSpace> home = poolHolding(lease.ips())
                    .filter(p -> p.serviceAllocationRefusal(lease.request()).isEmpty())
                    .filter(p -> lease.requestedPool().map(p.name()::equals).orElse(true));
            if (home.isPresent()) {
                holdings.hold(lease.inPool(home.get().name()), home.get());
            } else {
                released.add(lease.key());
            }
        }
        return List.copyOf(released);
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public AllocationResult restore(AllocationRequest request, List<IpAddress> ips) {
        holdings.release(request.key(), pools);
        return assignExactly(request, ips);
    }

    @Override
    public AllocationResult allocate(AllocationRequest request) {
        Optional<Lease> previous = holdings.release(request.key(), pools);
        if (previous.isPresent() && keepable(previous.get(), request)) {
            AllocationResult kept = assignExactly(request, previous.get().ips());
            if (kept instanceof AllocationResult.Allocated a) {
                return a.assignment().ips().size() < request.families().size()
                        && request.policy() == IpFamilyPolicy.PREFER_DUAL_STACK ? widen(request, a) : kept;
            }
        }
        if (!request.requestedIps().isEmpty()) {
            return assignExactly(request, request.requestedIps());
        }
        if (request.requestedPool().isPresent()) {
            PoolSpace pool = pools.get(request.requestedPool().get());
            if (pool == null) {
                return new AllocationResult.Refused("unknown pool \"" + request.requestedPool().get() + "\"");
            }
            Optional<String> refusal = pool.serviceAllocationRefusal(request);
            if (refusal.isPresent()) {
                return new AllocationResult.Refused(refusal.get());
            }
            return placement.place(request, List.of(pool), new ArrayList<>(), this::grant);
        }
        List<PoolSpace> pinned = new ArrayList<>();
        List<PoolSpace> fallback = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (PoolSpace p : pools.values()) {
            Optional<String> refusal = p.serviceAllocationRefusal(request);
            if (!p.pool.autoAssign()) {
                skipped.add("pool \"" + p.name() + "\" has autoAssign false");
            } else if (refusal.isPresent()) {
                skipped.add(refusal.get());
            } else if (p.pool.serviceAllocation().isPresent()) {
                pinned.add(p);
            } else {
                fallback.add(p);
            }
        }
        pinned.sort(PoolSpace.ORDER);
        if (pools.isEmpty()) {
            return new AllocationResult.Refused("no IPAddressPool is configured");
        }
        List<String> reasons = new ArrayList<>(skipped);
        if (!pinned.isEmpty()) {
            AllocationResult r = placement.place(request, pinned, reasons, this::grant);
            if (r instanceof AllocationResult.Allocated || fallback.isEmpty()) {
                return r;
            }
        }
        return placement.place(request, fallback, reasons, this::grant);
    }

    /** PreferDualStack holding one family: add the other from the same pool if it can (MetalLB does). */
    private AllocationResult widen(AllocationRequest request, AllocationResult.Allocated current) {
        PoolSpace pool = pools.get(current.assignment().pool());
        IpFamily missing = request.families().stream()
                .filter(f -> current.assignment().ips().stream().noneMatch(ip -> ip.family() == f))
                .findFirst().orElseThrow();
        Optional<IpAddress> extra = pool.space(missing).flatMap(s -> holdings.lowestUsable(s, request));
        if (extra.isEmpty()) {
            return current;
        }
        List<IpAddress> both = new ArrayList<>(current.assignment().ips());
        both.add(extra.get());
        both.sort(Comparator.comparing(ip -> request.families().indexOf(ip.family())));
        holdings.release(request.key(), pools);
        return grant(request, pool, both);
    }

    /** True when the previous addresses still answer {@code request}; the pool rules are checked after. */
    private boolean keepable(Lease previous, AllocationRequest request) {
        if (!request.requestedIps().isEmpty()
                && !new java.util.HashSet<>(request.requestedIps()).equals(new java.util.HashSet<>(previous.ips()))) {
            return false;
        }
        if (request.requestedPool().isPresent() && !request.requestedPool().get().equals(previous.pool())) {
            return false;
        }
        return familiesFit(request, previous.ips());
    }

    private static boolean familiesFit(AllocationRequest request, List<IpAddress> ips) {
        if (ips.stream().anyMatch(ip -> !request.families().contains(ip.family()))) {
            return false;
        }
        return switch (request.policy()) {
            case SINGLE_STACK -> ips.size() == 1;
            case REQUIRE_DUAL_STACK -> ips.size() == 2;
            case PREFER_DUAL_STACK -> !ips.isEmpty();
        };
    }

    /** Gives {@code request} exactly {@code ips}, or says why not. */
    private AllocationResult assignExactly(AllocationRequest request, List<IpAddress> ips) {
        if (ips.isEmpty() || ips.size() > 2 || (ips.size() == 2 && ips.get(0).family() == ips.get(1).family())) {
            return new AllocationResult.Refused("addresses " + ips + ": expected one, or one per family");
        }
        if (!familiesFit(request, ips)) {
            return new AllocationResult.Refused("addresses " + ips + " do not match the service's IP families "
                    + request.families() + " (" + request.policy().wireName() + ")");
        }
        Optional<PoolSpace> pool = poolHolding(ips);
        if (pool.isEmpty()) {
            return new AllocationResult.Refused(ips.size() == 1 ? ips.get(0) + " is not in any pool"
                    : "addresses " + ips + " are not in one pool");
        }
        if (request.requestedPool().isPresent() && !request.requestedPool().get().equals(pool.get().name())) {
            return new AllocationResult.Refused("requested IPs " + ips + " are in pool \"" + pool.get().name()
                    + "\", not in the requested pool \"" + request.requestedPool().get() + "\"");
        }
        Optional<String> refusal = pool.get().serviceAllocationRefusal(request);
        if (refusal.isPresent()) {
            return new AllocationResult.Refused(refusal.get());
        }
        for (IpAddress ip : ips) {
            Optional<String> conflict = holdings.refusal(pool.get().space(ip.family()).orElseThrow(), ip, request);
            if (conflict.isPresent()) {
                return new AllocationResult.Refused(conflict.get());
            }
        }
        return grant(request, pool.get(), ips);
    }

    private AllocationResult grant(AllocationRequest request, PoolSpace pool, List<IpAddress> ips) {
        Lease lease = Lease.of(request, pool.name(), ips);
        holdings.hold(lease, pool);
        return new AllocationResult.Allocated(new Assignment(request.key(), ips, pool.name()));
    }

    private Optional<PoolSpace> poolHolding(List<IpAddress> ips) {
        for (PoolSpace p : pools.values()) {
            if (ips.stream().allMatch(p::contains)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public void release(ServiceKey key) {
        holdings.release(key, pools);
    }

    @Override
    public Optional<Assignment> assignment(ServiceKey key) {
        return Optional.ofNullable(holdings.lease(key)).map(l -> new Assignment(l.key(), l.ips(), l.pool()));
    }

    @Override
    public List<PoolUsage> usage() {
        return pools.values().stream().map(p -> new PoolUsage(p.name(),
                p.space(IpFamily.IPV4).map(AddressSpace::inUse).orElse(0L),
                p.space(IpFamily.IPV4).map(AddressSpace::total).orElse(0L),
                p.space(IpFamily.IPV6).map(AddressSpace::inUse).orElse(0L),
                p.space(IpFamily.IPV6).map(AddressSpace::total).orElse(0L))).toList();
    }

    @Override
    public Reconciliation reconcile(Service service, Map<String, String> namespaceLabels,
            Optional<String> loadBalancerClass) {
        return ServiceReconciler.reconcile(this, service, namespaceLabels, loadBalancerClass);
    }
}
