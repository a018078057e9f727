package io.metallb.distribution.standalone;

import io.metallb.api.config.Config;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.AllocatorProvider;
import io.metallb.api.spi.Assignment;
import io.metallb.api.spi.Reconciliation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The controller of standalone mode: the allocator found through {@link ServiceLoader}, fed the file's config and
 * Services. What the state file records plays the part of Service status: it is restored before anything is
 * allocated (restore-before-allocate), so a pending service can never take an address another one holds. Only
 * services without {@code spec.loadBalancerClass} are served. Used from one thread.
 */
public final class Assignments {

    private final Allocator allocator;
    private SortedMap<ServiceKey, Assignment> held;
    private boolean restored;

    /** @param held what the state file recorded */
    public Assignments(Allocator allocator, Map<ServiceKey, Assignment> held) {
        this.allocator = allocator;
        this.held = new TreeMap<>(held);
    }

    /** The first allocator on the module path. */
    public static Allocator installedAllocator() {
        return ServiceLoader.load(AllocatorProvider.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no io.metallb.api.spi.AllocatorProvider on the module path (metallb-allocator is missing)"))
                .create();
    }

    /** One service's outcome, and any note about restoring it from the state file. */
    public record Outcome(Reconciliation reconciliation, Optional<String> restoreRefusal) {
    }

    /**
     * Makes the allocator match {@code config} and {@code services}: the first call restores what the state file
     * holds; every call releases services no longer in the file and reconciles each service, in key order.
     *
     * @return each service's outcome, in key order
     */
    public SortedMap<ServiceKey, Outcome> apply(Config config, SortedMap<ServiceKey, Service> services,
            java.util.function.Function<String, Map<String, String>> namespaceLabels) {
        allocator.setConfig(config);
        Map<ServiceKey, String> restoreRefusals = new TreeMap<>();
        if (!restored) {
            restored = true;
            for (Assignment a : held.values()) {
                Service s = services.get(a.service());
                if (s == null) {
                    continue;
                }
                if (AllocationRequest.from(s, namespaceLabels.apply(s.key().namespace()))
                        instanceof AllocationRequest.Ok ok) {
                    if (allocator.restore(ok.request(), a.ips()) instanceof AllocationResult.Refused r) {
                        restoreRefusals.put(a.service(), r.reason());
                    }
                }
            }
        }
        for (ServiceKey gone : new ArrayList<>(held.keySet())) {
            if (!services.containsKey(gone)) {
                allocator.release(gone);
            }
        }
        SortedMap<ServiceKey, Outcome> out = new TreeMap<>();
        SortedMap<ServiceKey, Assignment> now = new TreeMap<>();
        for (Service s : services.values()) {
            // Without a recorded address, a status written in the file counts (a Service moved from a cluster).
            List<io.metallb.api.net.IpAddress> ingress = Optional.ofNullable(held.get(s.key()))
                    .map(Assignment::ips).orElse(s.ingress());
            Reconciliation r = allocator.reconcile(s.withIngress(ingress), namespaceLabels.apply(s.key().namespace()),
                    Optional.empty());
            allocator.assignment(s.key()).ifPresent(a -> now.put(s.key(), a));
            out.put(s.key(), new Outcome(r, Optional.ofNullable(restoreRefusals.get(s.key()))));
        }
        held = now;
        return out;
    }

    /** What each service holds now, in key order. */
    public SortedMap<ServiceKey, Assignment> held() {
        return java.util.Collections.unmodifiableSortedMap(held);
    }

    /** The allocator, for {@code explain}'s what-if questions. */
    public Allocator allocator() {
        return allocator;
    }
}
