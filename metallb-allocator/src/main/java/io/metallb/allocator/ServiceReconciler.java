package io.metallb.allocator;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceAnnotations;
import io.metallb.api.service.ServiceType;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.Assignment;
import io.metallb.api.spi.Reconciliation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's decision for one service (MetalLB's {@code convergeBalancer}): is it ours, what does it ask
 * for, and what does it get. Pure apart from the allocator's state; the cluster glue performs the writes.
 */
final class ServiceReconciler {

    private ServiceReconciler() {
    }

    static Reconciliation reconcile(Allocator allocator, Service service, Map<String, String> namespaceLabels,
            Optional<String> loadBalancerClass) {
        // --lb-class: with no class configured we serve services without a class; with one, only that class.
        // Services of another class are not touched at all, as MetalLB does.
        if (!service.loadBalancerClass().equals(loadBalancerClass)) {
            return new Reconciliation.NotOurs("loadBalancerClass " + service.loadBalancerClass().orElse("<none>")
                    + " is not served by this controller", false, List.of());
        }
        if (service.type() != ServiceType.LOAD_BALANCER) {
            boolean held = allocator.assignment(service.key()).isPresent();
            allocator.release(service.key());
            return new Reconciliation.NotOurs("type is " + service.type().wireName(), held, List.of());
        }
        AllocationRequest.Parsed parsed = AllocationRequest.from(service, namespaceLabels);
        if (parsed instanceof AllocationRequest.Invalid invalid) {
            // MetalLB keeps the current address when the request is unreadable (LoadBalancerFailed).
            return new Reconciliation.Failed(invalid.reason(), List.of());
        }
        AllocationRequest.Ok ok = (AllocationRequest.Ok) parsed;
        if (allocator.assignment(service.key()).isEmpty() && !service.ingress().isEmpty()) {
            // Not restored at start (e.g. created while we were down): honour what status says if it fits.
            allocator.restore(ok.request(), service.ingress());
        }
        AllocationResult result = allocator.allocate(ok.request());
        if (result instanceof AllocationResult.Allocated allocated) {
            Assignment a = allocated.assignment();
            return new Reconciliation.Assigned(a, !matchesStatus(service, a), ok.warnings());
        }
        return new Reconciliation.Failed(((AllocationResult.Refused) result).reason(), ok.warnings());
    }

    /** True when the service's status and pool annotation already say exactly {@code a}. */
    private static boolean matchesStatus(Service service, Assignment a) {
        List<IpAddress> ingress = service.ingress();
        Optional<String> pool = ServiceAnnotations.lookup(service.annotations(),
                ServiceAnnotations.IP_ALLOCATED_FROM_POOL).map(ServiceAnnotations.Found::value);
        return ingress.equals(a.ips()) && pool.equals(Optional.of(a.pool()));
    }
}
