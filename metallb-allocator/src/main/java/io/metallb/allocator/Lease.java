package io.metallb.allocator;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import java.util.List;
import java.util.Optional;

/**
 * What one service holds, and the request it was granted for: sharing compares a newcomer against it, and a
 * config change re-checks that the pool still admits the service ({@code serviceAllocation}).
 */
record Lease(AllocationRequest request, String pool, List<IpAddress> ips) {

    Lease {
        ips = List.copyOf(ips);
    }

    ServiceKey key() {
        return request.key();
    }

    Optional<String> sharingKey() {
        return request.sharingKey();
    }

    String backendKey() {
        return request.backendKey();
    }

    List<ServicePort> ports() {
        return request.ports();
    }
}
