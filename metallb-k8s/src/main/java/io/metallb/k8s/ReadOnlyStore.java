package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An informer's store for objects the speaker only reads: it keeps them without their managedFields and without
 * the copy of the whole manifest that {@code kubectl apply} leaves in an annotation, as client-go's
 * {@code TransformStripManagedFields} does for controller-runtime caches. In a cluster these are most of a
 * Service's or EndpointSlice's bytes (docs/benchmarks.md: 8.7 MiB with 1,000 Services); nothing MetalLB decides
 * reads them. What is kept is compacted ({@link Compactor}): its maps and lists become immutable and exactly
 * sized, its strings interned. Never for objects written back from the cache: an update without the annotation would remove it.
 */
final class ReadOnlyStore<T extends HasMetadata> extends BasicItemStore<T> {

    /** What {@code kubectl apply} writes: the last applied manifest, as JSON. */
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private ReadOnlyStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    /** {@code informer}, not yet running, keeping its objects in a {@link ReadOnlyStore}. */
    static <T extends HasMetadata> SharedIndexInformer<T> of(SharedIndexInformer<T> informer) {
        return informer.itemStore(new ReadOnlyStore<>());
    }

    @Override
    public T put(String key, T obj) {
        strip(obj);
        Compactor.compact(obj);
        return super.put(key, obj);
    }

    /** Drops {@code o}'s managedFields and last-applied annotation (the informer's own copy, just read). */
    static void strip(HasMetadata o) {
        ObjectMeta meta = o.getMetadata();
        if (meta == null) {
            return;
        }
        meta.setManagedFields(null);
        Map<String, String> annotations = meta.getAnnotations();
        if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
            Map<String, String> kept = new LinkedHashMap<>(annotations);
            kept.remove(LAST_APPLIED);
            meta.setAnnotations(kept);
        }
    }
}
