package io.metallb.allocator;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.ServiceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds what. Index maps:
 * <ul>
 *   <li>{@code leases}: service → its lease (what it holds, its sharing and port facts).</li>
 *   <li>{@code holders}: address → the leases on it (one, or several sharing it).</li>
 * </ul>
 * Every change keeps the pools' free sets, in-use counters and sharing indexes in step.
 */
final class Holdings {

    final Map<ServiceKey, Lease> leases = new HashMap<>();
    private final Map<IpAddress, List<Lease>> holders = new HashMap<>();

    List<Lease> holdersOf(IpAddress ip) {
        return holders.getOrDefault(ip, List.of());
    }

    /** Why {@code request} may not take {@code ip} of {@code space}, or empty when it may. */
    Optional<String> refusal(AddressSpace space, IpAddress ip, AllocationRequest request) {
        if (!space.contains(ip)) {
            return Optional.of(ip + " is not in the pool");
        }
        return Sharing.conflict(ip, request, holdersOf(ip));
    }

    /**
     * The lowest address of {@code space} that {@code request} may take: the lowest free one, or a lower one
     * already shared under the request's key when sharing rules allow (MetalLB packs sharers this way).
     */
    Optional<IpAddress> lowestUsable(AddressSpace space, AllocationRequest request) {
        Optional<IpAddress> free = space.lowestFree();
        if (request.sharingKey().isPresent()) {
            for (IpAddress ip : space.sharedUnder(request.sharingKey().get())) {
                if (free.isPresent() && ip.compareTo(free.get()) > 0) {
                    break;
                }
                if (Sharing.conflict(ip, request, holdersOf(ip)).isEmpty()) {
                    return Optional.of(ip);
                }
            }
        }
        return free;
    }

    /** Records {@code lease} on its addresses in {@code pool}. The caller has checked every rule. */
    void hold(Lease lease, PoolSpace pool) {
        leases.put(lease.key(), lease);
        for (IpAddress ip : lease.ips()) {
            AddressSpace space = pool.space(ip.family()).orElseThrow();
            List<Lease> on = holders.get(ip);
            if (on == null) {
                space.take(ip);
                holders.put(ip, List.of(lease));
            } else {
                List<Lease> more = new ArrayList<>(on.size() + 1);
                more.addAll(on);
                more.add(lease);
                holders.put(ip, List.copyOf(more));
            }
            lease.sharingKey().ifPresent(k -> space.indexSharing(k, ip));
        }
    }

    /** Removes {@code key}'s lease, freeing addresses nobody else holds. */
    Optional<Lease> release(ServiceKey key, Map<String, PoolSpace> pools) {
        Lease lease = leases.remove(key);
        if (lease == null) {
            return Optional.empty();
        }
        PoolSpace pool = pools.get(lease.pool());
        for (IpAddress ip : lease.ips()) {
            List<Lease> rest = holders.getOrDefault(ip, List.of()).stream()
                    .filter(l -> !l.key().equals(key)).toList();
            AddressSpace space = pool.space(ip.family()).orElseThrow();
            if (rest.isEmpty()) {
                holders.remove(ip);
                space.give(ip);
            } else {
                holders.put(ip, rest);
            }
            if (lease.sharingKey().isPresent()
                    && rest.stream().noneMatch(l -> l.sharingKey().equals(lease.sharingKey()))) {
                space.unindexSharing(lease.sharingKey().get(), ip);
            }
        }
        return Optional.of(lease);
    }

    void clear() {
        leases.clear();
        holders.clear();
    }
}
