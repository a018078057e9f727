package io.metallb.example.embedding;

import io.metallb.api.config.ConfigResult;
import io.metallb.api.service.AllocationRequest;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.AllocationResult;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.AllocatorProvider;
import io.metallb.api.spi.Assignment;
import io.metallb.api.spi.ClusterSnapshot;
import io.metallb.api.spi.ClusterSource;
import io.metallb.api.spi.Reconciliation;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A controller of our own: the allocator found through {@link ServiceLoader}, fed the snapshots of any
 * {@link ClusterSource}. The first snapshot's ingress (the saved assignments) is restored into the allocator before
 * anything is allocated (restore-before-allocate), so a new service can never take an address another one held
 * before the restart. Decisions go back to the source: {@code writeAssignment}, {@code clearAssignment}, events.
 */
public final class EmbeddedController implements java.util.function.Consumer<ClusterSnapshot> {

    private final Allocator allocator;
    private final ClusterSource source;
    private final SortedMap<ServiceKey, Assignment> held = new TreeMap<>();
    private boolean restored;

    public EmbeddedController(Allocator allocator, ClusterSource source) {
        this.allocator = allocator;
        this.source = source;
    }

    /** A new allocator from the first {@link AllocatorProvider} on the module path. */
    public static Allocator installedAllocator() {
        return ServiceLoader.load(AllocatorProvider.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no io.metallb.api.spi.AllocatorProvider on the module path (add metallb-allocator)")).create();
    }

    @Override
    public void accept(ClusterSnapshot snapshot) {
        if (snapshot.config() instanceof ConfigResult.Invalid invalid) {
            source.recordEvent(Optional.empty(), ClusterSource.EventType.WARNING, "ConfigInvalid", invalid.describe());
            return; // the last good config keeps running
        }
        allocator.setConfig(((ConfigResult.Valid) snapshot.config()).config());
        // Key order, so every run reaches the same answer (a snapshot's map has no order of its own).
        SortedMap<ServiceKey, Service> services = new TreeMap<>(snapshot.services());
        if (!restored) {
            restored = true;
            for (Service s : services.values()) {
                if (!s.ingress().isEmpty() && AllocationRequest.from(s, labels(snapshot, s))
                        instanceof AllocationRequest.Ok ok
                        && allocator.restore(ok.request(), s.ingress()) instanceof AllocationResult.Refused r) {
                    source.recordEvent(Optional.of(s.key()), ClusterSource.EventType.WARNING, "RestoreRefused",
                            r.reason());
                }
            }
        }
        for (ServiceKey gone : held.keySet().stream().filter(k -> !services.containsKey(k)).toList()) {
            allocator.release(gone);
            held.remove(gone);
            source.clearAssignment(gone);
        }
        for (Service s : services.values()) {
            Reconciliation r = allocator.reconcile(s, labels(snapshot, s), Optional.empty());
            if (r instanceof Reconciliation.Assigned a) {
                held.put(s.key(), a.assignment());
                source.writeAssignment(a.assignment());
                if (a.changed()) {
                    source.recordEvent(Optional.of(s.key()), ClusterSource.EventType.NORMAL, "IPAllocated",
                            "Assigned IP " + a.assignment().ips() + " from pool " + a.assignment().pool());
                }
            } else if (r instanceof Reconciliation.Failed f) {
                held.remove(s.key());
                source.recordEvent(Optional.of(s.key()), ClusterSource.EventType.WARNING, "AllocationFailed",
                        f.reason());
            } else if (r instanceof Reconciliation.NotOurs n && n.released()) {
                held.remove(s.key());
                source.clearAssignment(s.key());
            }
        }
    }

    /** What each service holds now, in key order. */
    public SortedMap<ServiceKey, Assignment> assignments() {
        return java.util.Collections.unmodifiableSortedMap(held);
    }

    private static Map<String, String> labels(ClusterSnapshot snapshot, Service s) {
        return snapshot.namespaceLabels().getOrDefault(s.key().namespace(), Map.of());
    }
}
