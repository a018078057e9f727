package io.metallb.allocator;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.ServiceKey;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds what. {@code leases} maps each service to its lease; the holders of each address live in its
 * pool's {@link AddressSpace}. The lease map is fastutil's open-addressing map: no node object per entry
 * (a {@code HashMap} spends about 38 bytes per entry, this about 12).
 */
final class Holdings {

    private final Object2ObjectOpenHashMap<ServiceKey, Lease> leases = new Object2ObjectOpenHashMap<>();

    Lease lease(ServiceKey key) {
        return leases.get(key);
    }

    /** Every lease, in no particular order. */
    List<Lease> all() {
        return new ArrayList<>(leases.values());
    }

    /** Why {@code request} may not take {@code ip} of {@code space}, or empty when it may. */
    Optional<String> refusal(AddressSpace space, IpAddress ip, AllocationRequest request) {
        if (!space.contains(ip)) {
            return Optional.of(ip + " is not in the pool");
        }
        return Sharing.conflict(ip, request, space.holders(ip));
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
                if (Sharing.conflict(ip, request, space.holders(ip)).isEmpty()) {
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
            List<Lease> on = space.holders(ip);
            List<Lease> more = new ArrayList<>(on.size() + 1);
            more.addAll(on);
            more.add(lease);
            space.setHolders(ip, more);
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
            AddressSpace space = pool.space(ip.family()).orElseThrow();
            List<Lease> rest = new ArrayList<>(space.holders(ip));
            rest.removeIf(l -> l.key().equals(key));
            space.setHolders(ip, rest);
            if (lease.sharingKey().isPresent()
                    && rest.stream().noneMatch(l -> l.sharingKey().equals(lease.sharingKey()))) {
                space.unindexSharing(lease.sharingKey().get(), ip);
            }
        }
        return Optional.of(lease);
    }

    void clear() {
        leases.clear();
        leases.trim();
    }
}
