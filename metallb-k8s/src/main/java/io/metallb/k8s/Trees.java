package io.metallb.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceManifest;
import java.util.Map;

/**
 * Kubernetes objects as YAML-shaped trees (maps, lists, scalars), the form the api's parsers read: the seam
 * between fabric8's model and ours stays one conversion wide.
 */
final class Trees {

    private Trees() {
    }

    static Map<String, Object> of(KubernetesClient client, Object kubernetesObject) {
        return stringKeyed(client.getKubernetesSerialization().convertValue(kubernetesObject, Map.class));
    }

    static Service service(KubernetesClient client, io.fabric8.kubernetes.api.model.Service s) {
        return ServiceManifest.read(of(client, s));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stringKeyed(Object map) {
        return (Map<String, Object>) map;
    }
}
