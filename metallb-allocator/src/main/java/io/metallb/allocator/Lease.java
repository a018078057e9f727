package io.metallb.allocator;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one service holds, with just what the rules need later: sharing (key, backend, ports) and re-admission
 * after a config change (namespace labels, service labels, requested pool). A lease is the allocator's main
 * per-service cost, so it keeps its first address as two longs rather than an object, and port lists are
 * interned (most services repeat a few, such as {@code [TCP/80]}): about 72 bytes a lease.
 */
final class Lease {

    private static final Interner<List<ServicePort>> PORTS = Interners.newWeakInterner();

    private final ServiceKey key;
    private final String pool;
    private final IpFamily firstFamily;
    private final long firstHigh;
    private final long firstLow;
    private final IpAddress second;
    private final String sharingKey;
    private final String backendKey;
    private final List<ServicePort> ports;
    private final String requestedPool;
    private final Map<String, String> namespaceLabels;
    private final Map<String, String> serviceLabels;

    private Lease(AllocationRequest r, String pool, IpAddress first, IpAddress second) {
        this.key = r.key();
        this.pool = pool;
        this.firstFamily = first.family();
        this.firstHigh = first.high();
        this.firstLow = first.low();
        this.second = second;
        this.sharingKey = r.sharingKey().orElse(null);
        this.backendKey = r.backendKey();
        this.ports = PORTS.intern(r.ports());
        this.requestedPool = r.requestedPool().orElse(null);
        this.namespaceLabels = r.namespaceLabels();
        this.serviceLabels = r.serviceLabels();
    }

    static Lease of(AllocationRequest request, String pool, List<IpAddress> ips) {
        return new Lease(request, pool, ips.get(0), ips.size() > 1 ? ips.get(1) : null);
    }

    /** The same lease homed in another pool (after a config change). */
    Lease inPool(String newPool) {
        return new Lease(request(), newPool, ips().get(0), second);
    }

    /** A request equal to the one granted, as far as every rule that reads it is concerned. */
    AllocationRequest request() {
        return new AllocationRequest(key, ips().stream().map(IpAddress::family).toList(),
                second == null ? io.metallb.api.service.IpFamilyPolicy.SINGLE_STACK
                        : io.metallb.api.service.IpFamilyPolicy.REQUIRE_DUAL_STACK,
                List.of(), Optional.ofNullable(requestedPool), Optional.ofNullable(sharingKey), backendKey, ports,
                serviceLabels, namespaceLabels);
    }

    String pool() {
        return pool;
    }

    List<IpAddress> ips() {
        IpAddress first = new IpAddress(firstFamily, firstHigh, firstLow);
        return second == null ? List.of(first) : List.of(first, second);
    }

    ServiceKey key() {
        return key;
    }

    Optional<String> sharingKey() {
        return Optional.ofNullable(sharingKey);
    }

    String backendKey() {
        return backendKey;
    }

    List<ServicePort> ports() {
        return ports;
    }

    Optional<String> requestedPool() {
        return Optional.ofNullable(requestedPool);
    }
}
