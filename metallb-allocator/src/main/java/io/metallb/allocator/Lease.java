package io.metallb.allocator;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import java.util.List;
import java.util.Optional;

/**
 * What one service holds, with what sharing needs to compare against a newcomer. Only these fields are kept
 * (not the whole request) to keep the per-assignment cost small.
 */
record Lease(ServiceKey key, String pool, List<IpAddress> ips, Optional<String> sharingKey, String backendKey,
        List<ServicePort> ports) {

    Lease {
        ips = List.copyOf(ips);
        ports = List.copyOf(ports);
    }

    static Lease of(AllocationRequest request, String pool, List<IpAddress> ips) {
        return new Lease(request.key(), pool, ips, request.sharingKey(), request.backendKey(), request.ports());
    }
}
