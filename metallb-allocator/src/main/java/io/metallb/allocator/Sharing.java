package io.metallb.allocator;

import io.metallb.api.net.IpAddress;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.ServicePort;
import java.util.List;
import java.util.Optional;

/**
 * MetalLB's rules for two services on one address ({@code checkSharing}): both carry the same non-empty
 * sharing key, the same backend key (for Local traffic policy, the same selector), and no (protocol, port) in
 * common. A service alone on an address may change its own key.
 */
final class Sharing {

    private Sharing() {
    }

    /**
     * Why {@code request} may not use {@code ip}, held by {@code others} (the request's own lease excluded), or
     * empty when it may.
     */
    static Optional<String> conflict(IpAddress ip, AllocationRequest request, List<Lease> others) {
        for (Lease h : others) {
            if (h.key().equals(request.key())) {
                continue;
            }
            if (h.sharingKey().isEmpty()) {
                return Optional.of(ip + " is used by " + h.key() + ", which does not allow sharing");
            }
            if (request.sharingKey().isEmpty()) {
                return Optional.of(ip + " is used by " + h.key() + " with sharing key \"" + h.sharingKey().get()
                        + "\"; this service has no sharing key (metallb.io/allow-shared-ip)");
            }
            if (!h.sharingKey().equals(request.sharingKey())) {
                return Optional.of(ip + " is used by " + h.key() + " with sharing key \"" + h.sharingKey().get()
                        + "\" (this service: \"" + request.sharingKey().get() + "\")");
            }
            if (!h.backendKey().equals(request.backendKey())) {
                return Optional.of(ip + " is used by " + h.key() + " with backend \"" + h.backendKey()
                        + "\" (this service: \"" + request.backendKey() + "\"); services sharing an address with"
                        + " externalTrafficPolicy Local must select the same pods");
            }
            for (ServicePort p : request.ports()) {
                if (h.ports().contains(p)) {
                    return Optional.of(ip + " is used by " + h.key() + " on port " + p);
                }
            }
        }
        return Optional.empty();
    }
}
