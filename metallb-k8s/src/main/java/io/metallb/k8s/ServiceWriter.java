package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceAnnotations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes what the controller decided onto a Service: {@code status.loadBalancer.ingress} through the status
 * subresource with replace semantics (a merge patch would append to the list), carrying the
 * {@code metallb.io/ip-allocated-from-pool} annotation in the same request; only when the server did not keep the
 * annotation, or only the annotation changed, a merge patch of that one key follows. Each write is made only when
 * the cached object differs, so a resync costs nothing.
 */
final class ServiceWriter {

    static final String POOL_ANNOTATION = ServiceAnnotations.PREFIX + ServiceAnnotations.IP_ALLOCATED_FROM_POOL;

    private final KubernetesClient client;

    ServiceWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Makes {@code cached} show {@code ips} (empty: none) and {@code pool} (null: no annotation).
     *
     * @return the number of write requests made
     */
    int write(io.fabric8.kubernetes.api.model.Service cached, List<IpAddress> ips, String pool) {
        int writes = 0;
        Map<String, String> annotations = cached.getMetadata().getAnnotations();
        String current = annotations == null ? null : annotations.get(POOL_ANNOTATION);
        boolean annotationDiffers = !Objects.equals(current, pool);
        if (!ingressIps(cached).equals(ips.stream().map(IpAddress::toString).toList())) {
            List<LoadBalancerIngress> wanted = ips.stream()
                    .map(ip -> new LoadBalancerIngressBuilder().withIp(ip.toString()).build()).toList();
            // The cached resourceVersion guards against a stale decision: a conflict is retried by the queue
            // once the informer has the newer object. The annotation rides along: for Services (a type older
            // than the rule that made CRD status endpoints ignore metadata) the API server keeps metadata
            // changes made through /status (kubernetes/kubernetes#92022), which saves a request per service.
            ServiceBuilder updated = new ServiceBuilder(cached).editOrNewStatus()
                    .withLoadBalancer(new LoadBalancerStatus(wanted)).endStatus();
            if (annotationDiffers) {
                if (pool == null) {
                    updated.editMetadata().removeFromAnnotations(POOL_ANNOTATION).endMetadata();
                } else {
                    updated.editMetadata().addToAnnotations(POOL_ANNOTATION, pool).endMetadata();
                }
            }
            io.fabric8.kubernetes.api.model.Service stored = client.services()
                    .inNamespace(cached.getMetadata().getNamespace()).resource(updated.build()).updateStatus();
            writes++;
            // A server that ignores metadata on /status (as fabric8's mock server does) gets the patch as well.
            annotationDiffers = stored == null || !Objects.equals(annotation(stored), pool);
        }
        if (annotationDiffers) {
            annotate(cached, pool);
            writes++;
        }
        return writes;
    }

    private static String annotation(io.fabric8.kubernetes.api.model.Service s) {
        Map<String, String> annotations = s.getMetadata() == null ? null : s.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(POOL_ANNOTATION);
    }

    /**
     * A JSON merge patch of the one annotation. Setting it sends just that object (no read first); removing it
     * needs an explicit null, which the typed model does not serialize, so that rarer case sends a raw patch.
     */
    private void annotate(io.fabric8.kubernetes.api.model.Service cached, String pool) {
        var services = client.services().inNamespace(cached.getMetadata().getNamespace());
        if (pool != null) {
            services.resource(new ServiceBuilder().withNewMetadata().withName(cached.getMetadata().getName())
                    .withNamespace(cached.getMetadata().getNamespace()).addToAnnotations(POOL_ANNOTATION, pool)
                    .endMetadata().build()).patch(PatchContext.of(PatchType.JSON_MERGE));
            return;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put(POOL_ANNOTATION, null);
        services.withName(cached.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("annotations", value))));
    }

    static List<String> ingressIps(io.fabric8.kubernetes.api.model.Service s) {
        if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        return s.getStatus().getLoadBalancer().getIngress().stream().map(LoadBalancerIngress::getIp)
                .filter(Objects::nonNull).toList();
    }
}
