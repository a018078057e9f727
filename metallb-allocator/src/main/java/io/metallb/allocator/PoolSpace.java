package io.metallb.allocator;

import io.metallb.api.config.IpAddressPool;
import io.metallb.api.config.ServiceAllocation;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.AllocationRequest;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** One configured pool with an {@link AddressSpace} per family it has. */
final class PoolSpace {

    /**
     * MetalLB's pool order for pinned pools: priority set first, lower first; then no priority. Ties go by name
     * (MetalLB leaves them to chance; a deterministic order makes every controller replica agree).
     */
    static final Comparator<PoolSpace> ORDER = Comparator
            .comparingInt((PoolSpace p) -> p.pool.serviceAllocation()
                    .flatMap(sa -> sa.priority().isPresent() && sa.priority().getAsInt() > 0
                            ? Optional.of(sa.priority().getAsInt()) : Optional.empty())
                    .orElse(Integer.MAX_VALUE))
            .thenComparing(p -> p.pool.name());

    final IpAddressPool pool;
    private final Map<IpFamily, AddressSpace> spaces = new EnumMap<>(IpFamily.class);

    PoolSpace(IpAddressPool pool) {
        this.pool = pool;
        for (IpFamily f : IpFamily.values()) {
            if (pool.hasFamily(f)) {
                spaces.put(f, new AddressSpace(f, pool.ranges(f), pool.avoidBuggyIps()));
            }
        }
    }

    String name() {
        return pool.name();
    }

    Optional<AddressSpace> space(IpFamily family) {
        return Optional.ofNullable(spaces.get(family));
    }

    boolean contains(IpAddress ip) {
        AddressSpace s = spaces.get(ip.family());
        return s != null && s.contains(ip);
    }

    /**
     * Why {@code request} may not use this pool because of {@code serviceAllocation}, or empty when it may.
     * Namespace names and namespace selectors together form the namespace condition (either may match); the
     * service selectors must also match when given.
     */
    Optional<String> serviceAllocationRefusal(AllocationRequest request) {
        if (pool.serviceAllocation().isEmpty()) {
            return Optional.empty();
        }
        ServiceAllocation sa = pool.serviceAllocation().get();
        boolean nsRestricted = !sa.namespaces().isEmpty() || !sa.namespaceSelectors().isEmpty();
        if (nsRestricted && !sa.namespaces().contains(request.key().namespace())
                && sa.namespaceSelectors().stream().noneMatch(s -> s.matches(request.namespaceLabels()))) {
            return Optional.of("pool \"" + name() + "\" is reserved for other namespaces"
                    + " (serviceAllocation.namespaces/namespaceSelectors)");
        }
        if (!LabelSelector.anyMatches(sa.serviceSelectors(), request.serviceLabels())) {
            return Optional.of("pool \"" + name() + "\" is reserved for other services"
                    + " (serviceAllocation.serviceSelectors)");
        }
        return Optional.empty();
    }
}
