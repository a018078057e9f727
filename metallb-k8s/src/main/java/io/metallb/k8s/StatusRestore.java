package io.metallb.k8s;

import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServiceType;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.Allocator;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Restores every assignment shown in Service status into an allocator, services holding more addresses first (as
 * MetalLB does), before anything is allocated: the controller does it on its first valid config, and
 * {@link ClusterSnapshot} does it so {@code metallb explain} sees the allocator the controller has.
 */
final class StatusRestore {

    /**
     * @param candidates how many services held an address in status (of the served class)
     * @param refused per service whose status was not restored, the allocator's reason
     */
    record Result(int candidates, SortedMap<ServiceKey, String> refused) {
    }

    private StatusRestore() {
    }

    static Result restore(Allocator allocator, Collection<Service> services,
            Function<String, Map<String, String>> namespaceLabels, Optional<String> loadBalancerClass) {
        List<Service> holding = services.stream()
                .filter(s -> !s.ingress().isEmpty() && s.type() == ServiceType.LOAD_BALANCER
                        && s.loadBalancerClass().equals(loadBalancerClass))
                .sorted(Comparator.comparingInt((Service s) -> -s.ingress().size()).thenComparing(Service::key))
                .toList();
        SortedMap<ServiceKey, String> refused = new TreeMap<>();
        for (Service s : holding) {
            Map<String, String> labels = namespaceLabels.apply(s.key().namespace());
            AllocationRequest.Parsed parsed = AllocationRequest.from(s, labels);
            if (parsed instanceof AllocationRequest.Invalid) {
                // MetalLB keeps the addresses of a service whose requested IPs became unreadable
                // (LoadBalancerFailed): hold them as if it asked for none, so nobody else is given them.
                parsed = AllocationRequest.from(RefusalEvent.withoutRequestedAddresses(s), labels);
            }
            if (parsed instanceof AllocationRequest.Ok ok
                    && allocator.restore(ok.request(), s.ingress()) instanceof AllocationResult.Refused r) {
                refused.put(s.key(), r.reason());
            }
        }
        return new Result(holding.size(), refused);
    }
}
