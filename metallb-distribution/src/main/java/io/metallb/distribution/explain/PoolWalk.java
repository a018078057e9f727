package io.metallb.distribution.explain;

import io.metallb.api.config.Config;
import io.metallb.api.config.IpAddressPool;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.Assignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Each pool as the allocator would consider it for one request, with the allocator's own answer for that pool.
 * The answers come from asking the allocator, pool by pool, what the request would get if it asked for that pool
 * ({@code metallb.io/address-pool}), with the service's own assignment set aside and put back after, so they are
 * the allocator's words (fill counts, serviceAllocation refusals), not a second implementation of its rules.
 */
final class PoolWalk {

    /** One pool: its place in the order and what the allocator says of it. */
    record Step(String pool, Verdict verdict, String detail) {
    }

    /** What one pool means for the service. */
    enum Verdict {
        /** autoAssign false, and the service does not ask for the pool. */
        SKIPPED,
        /** The allocator refuses this pool for the request; {@code detail} says why. */
        REFUSED,
        /** The pool has room; {@code detail} names the address(es) it would give. */
        HAS_ROOM
    }

    private PoolWalk() {
    }

    /**
     * The allocator's order for a request that names no pool and no address ({@code DefaultAllocator.allocate}):
     * pools pinned by serviceAllocation first, by priority (a priority above 0 first, lower first) then name;
     * then the other autoAssign pools by name; pools it skips last.
     */
    static List<Step> walk(Config config, Allocator allocator, AllocationRequest request, Optional<Assignment> held) {
        List<IpAddressPool> pinned = new ArrayList<>();
        List<IpAddressPool> fallback = new ArrayList<>();
        List<Step> skipped = new ArrayList<>();
        List<IpAddressPool> candidates = request.requestedPool().isPresent()
                ? config.pool(request.requestedPool().get()).map(List::of).orElse(List.of())
                : List.copyOf(config.pools().values());
        for (IpAddressPool p : candidates) {
            if (!p.autoAssign() && request.requestedPool().isEmpty()) {
                skipped.add(new Step(p.name(), Verdict.SKIPPED, "autoAssign is false (only a Service asking for it "
                        + "by metallb.io/address-pool gets its addresses)"));
            } else if (p.serviceAllocation().isPresent()) {
                pinned.add(p);
            } else {
                fallback.add(p);
            }
        }
        pinned.sort(Comparator.comparingInt((IpAddressPool p) -> p.serviceAllocation().get().priority().isPresent()
                && p.serviceAllocation().get().priority().getAsInt() > 0
                ? p.serviceAllocation().get().priority().getAsInt() : Integer.MAX_VALUE)
                .thenComparing(IpAddressPool::name));
        List<IpAddressPool> ordered = new ArrayList<>(pinned);
        ordered.addAll(fallback);
        List<Step> out = new ArrayList<>();
        allocator.release(request.key());
        try {
            for (IpAddressPool p : ordered) {
                out.add(probe(allocator, request, p));
            }
        } finally {
            held.ifPresent(a -> allocator.restore(request, a.ips()));
        }
        out.addAll(skipped);
        return out;
    }

    private static Step probe(Allocator allocator, AllocationRequest request, IpAddressPool pool) {
        AllocationRequest asking = new AllocationRequest(request.key(), request.families(), request.policy(),
                List.of(), Optional.of(pool.name()), request.sharingKey(), request.backendKey(), request.ports(),
                request.serviceLabels(), request.namespaceLabels());
        AllocationResult r = allocator.allocate(asking);
        allocator.release(request.key());
        if (r instanceof AllocationResult.Allocated a) {
            return new Step(pool.name(), Verdict.HAS_ROOM, String.join(", ",
                    a.assignment().ips().stream().map(Object::toString).toList()));
        }
        return new Step(pool.name(), Verdict.REFUSED, ((AllocationResult.Refused) r).reason());
    }
}
