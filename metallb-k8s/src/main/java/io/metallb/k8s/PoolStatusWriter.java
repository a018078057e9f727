package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.metallb.api.spi.PoolUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes each IPAddressPool's status counts ({@code assignedIPv4}, {@code availableIPv4}, and the same for IPv6,
 * as MetalLB's CRD defines them) through the status subresource, only for pools whose cached status differs.
 * Pools from the legacy ConfigMap have no object and get no status.
 */
final class PoolStatusWriter {

    private final KubernetesClient client;

    PoolStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /** @return the number of status writes made */
    int write(List<PoolUsage> usage, Function<String, Optional<GenericKubernetesResource>> cachedPool) {
        int writes = 0;
        for (PoolUsage u : usage) {
            Optional<GenericKubernetesResource> cached = cachedPool.apply(u.pool());
            if (cached.isEmpty()) {
                continue;
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("assignedIPv4", u.v4InUse());
            status.put("assignedIPv6", u.v6InUse());
            status.put("availableIPv4", u.v4Available());
            status.put("availableIPv6", u.v6Available());
            if (sameNumbers(cached.get().getAdditionalProperties().get("status"), status)) {
                continue;
            }
            GenericKubernetesResource updated = client.getKubernetesSerialization().clone(cached.get());
            updated.setAdditionalProperty("status", status);
            client.genericKubernetesResources(MetalLbResources.CONFIG_KINDS.get(0))
                    .inNamespace(updated.getMetadata().getNamespace()).resource(updated).updateStatus();
            writes++;
        }
        return writes;
    }

    /** JSON numbers come back as Integer or Long: compare by value. */
    private static boolean sameNumbers(Object current, Map<String, Object> wanted) {
        if (!(current instanceof Map<?, ?> m)) {
            return false;
        }
        for (Map.Entry<String, Object> e : wanted.entrySet()) {
            Object v = m.get(e.getKey());
            if (!(v instanceof Number n) || !Objects.equals(n.longValue(), e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
