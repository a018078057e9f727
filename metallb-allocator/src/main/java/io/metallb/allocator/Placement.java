package io.metallb.allocator;

import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.IpFamilyPolicy;
import io.metallb.api.spi.AllocationResult;
import java.util.List;
import java.util.Optional;

/**
 * Picks addresses for a request from an ordered list of candidate pools (MetalLB's
 * {@code findBestPoolForService}): one family, the first pool with a usable address wins; dual stack, the
 * first pool usable in both families; PreferDualStack falls back to the first pool usable in the primary
 * family, then in the secondary.
 */
final class Placement {

    /** Makes the assignment once addresses are chosen. */
    interface Grant {
        AllocationResult grant(AllocationRequest request, PoolSpace pool, List<IpAddress> ips);
    }

    private static final String NONE = "no available IPs: ";

    private final Holdings holdings;

    Placement(Holdings holdings) {
        this.holdings = holdings;
    }

    /**
     * @param reasons why pools were passed over so far; this round's reasons are appended, so a later round
     *     (fallback pools after pinned ones) reports them all
     */
    AllocationResult place(AllocationRequest request, List<PoolSpace> candidates, List<String> reasons,
            Grant grant) {
        List<IpFamily> families = request.families();
        if (families.size() == 2) {
            for (PoolSpace p : candidates) {
                Optional<IpAddress> a = usable(p, families.get(0), request, reasons);
                Optional<IpAddress> b = usable(p, families.get(1), request, reasons);
                if (a.isPresent() && b.isPresent()) {
                    return grant.grant(request, p, List.of(a.get(), b.get()));
                }
            }
            if (request.policy() != IpFamilyPolicy.PREFER_DUAL_STACK) {
                return refused(reasons, candidates);
            }
        }
        for (IpFamily f : families) {
            for (PoolSpace p : candidates) {
                Optional<IpAddress> a = usable(p, f, request, null);
                if (a.isPresent()) {
                    return grant.grant(request, p, List.of(a.get()));
                }
            }
        }
        if (families.size() == 1) {
            for (PoolSpace p : candidates) {
                usable(p, families.get(0), request, reasons);
            }
        }
        return refused(reasons, candidates);
    }

    private Optional<IpAddress> usable(PoolSpace p, IpFamily f, AllocationRequest request, List<String> reasons) {
        Optional<AddressSpace> space = p.space(f);
        if (space.isEmpty()) {
            if (reasons != null) {
                reasons.add("pool \"" + p.name() + "\" has no " + f.kubernetesName() + " addresses");
            }
            return Optional.empty();
        }
        Optional<IpAddress> ip = holdings.lowestUsable(space.get(), request);
        if (ip.isEmpty() && reasons != null) {
            reasons.add("pool \"" + p.name() + "\" has no free " + f.kubernetesName() + " address ("
                    + space.get().inUse() + " of " + space.get().total() + " in use)");
        }
        return ip;
    }

    private static AllocationResult refused(List<String> reasons, List<PoolSpace> candidates) {
        List<String> distinct = reasons.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return new AllocationResult.Refused(candidates.isEmpty() ? "no pool may be used by this service"
                    : "no available IPs");
        }
        return new AllocationResult.Refused(NONE + String.join("; ", distinct));
    }
}
