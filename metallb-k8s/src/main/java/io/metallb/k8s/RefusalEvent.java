package io.metallb.k8s;

import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceAnnotations;
import java.util.HashMap;
import java.util.Map;

/**
 * The event MetalLB's {@code convergeBalancer} emits when a service is refused (research section 3.3): the
 * reason depends on where MetalLB's code fails, which {@link AllocationRequest.Cause} says.
 * <ul>
 *   <li>The requested addresses cannot be read ({@code getDesiredLbIPs}: both annotation and
 *       {@code spec.loadBalancerIP}, an unparsable address, a bad pair) while the service holds addresses:
 *       Warning {@code LoadBalancerFailed}, {@code invalid requested loadbalancer IPs: %s}; the addresses stay.
 *   <li>RequireDualStack with one cluster IP: Warning {@code not enough clusterips}.
 *   <li>Everything else, including an unreadable request on a service holding nothing (MetalLB then fails
 *       inside {@code allocateIPs}): Warning {@code AllocationFailed}, {@code Failed to allocate IP for %q: %s}.
 * </ul>
 */
record RefusalEvent(String reason, String message) {

    static final String LOAD_BALANCER_FAILED = "LoadBalancerFailed";
    static final String ALLOCATION_FAILED = "AllocationFailed";
    static final String NOT_ENOUGH_CLUSTER_IPS = "not enough clusterips";

    /** @param refusal the allocator's reason for refusing {@code service} */
    static RefusalEvent of(Service service, Map<String, String> namespaceLabels, String refusal) {
        if (AllocationRequest.from(service, namespaceLabels) instanceof AllocationRequest.Invalid invalid) {
            if (invalid.cause() == AllocationRequest.Cause.NOT_ENOUGH_CLUSTER_IPS) {
                return new RefusalEvent(NOT_ENOUGH_CLUSTER_IPS, invalid.reason());
            }
            if (!service.ingress().isEmpty() && requestedAddressesUnreadable(service, namespaceLabels, invalid)) {
                return new RefusalEvent(LOAD_BALANCER_FAILED, "invalid requested loadbalancer IPs: " + refusal);
            }
        }
        return new RefusalEvent(ALLOCATION_FAILED, "Failed to allocate IP for \"" + service.key() + "\": " + refusal);
    }

    /**
     * True when the request is invalid only because the requested addresses cannot be read: without them it
     * parses. A family mismatch with the cluster IPs is not a {@code getDesiredLbIPs} error in MetalLB (it fails
     * later, in {@code allocateIPs}).
     */
    private static boolean requestedAddressesUnreadable(Service service, Map<String, String> namespaceLabels,
            AllocationRequest.Invalid invalid) {
        return AllocationRequest.from(withoutRequestedAddresses(service), namespaceLabels)
                instanceof AllocationRequest.Ok && invalid.cause() == AllocationRequest.Cause.UNREADABLE_REQUEST;
    }

    /** {@code service} asking for no particular address (no loadBalancerIPs annotation, no loadBalancerIP). */
    static Service withoutRequestedAddresses(Service service) {
        Map<String, String> annotations = new HashMap<>(service.annotations());
        annotations.remove(ServiceAnnotations.PREFIX + ServiceAnnotations.LOAD_BALANCER_IPS);
        annotations.remove(ServiceAnnotations.DEPRECATED_PREFIX + ServiceAnnotations.LOAD_BALANCER_IPS);
        return service.withAnnotations(annotations).withLoadBalancerIp(null);
    }
}
