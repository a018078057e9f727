package io.metallb.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * fabric8 clients for the controller and the speaker, with a serialization that knows only the kinds they read.
 *
 * <p>fabric8's default serialization, the first time it reads a watch event (whose object may be of any kind),
 * loads every class listed as a {@code KubernetesResource} service by every model jar on the module path, to map
 * kind to class: about 340 kinds; with their specs and statuses, about 950 of the 6,700 classes a speaker loaded
 * (docs/benchmarks.md), for kinds it never watches. This one maps the kinds {@code metallb-k8s} reads with typed
 * informers; an event of any other kind is read as a {@code GenericKubernetesResource}, and fabric8 converts it to
 * the watched type if it must.
 */
public final class KubernetesClients {

    /** The typed kinds the controller and the speaker list and watch (the others are read generically). */
    static final List<Class<? extends KubernetesResource>> KINDS = List.of(Service.class, EndpointSlice.class,
            Secret.class, ConfigMap.class, Namespace.class, Lease.class, Event.class);

    private KubernetesClients() {
    }

    /** A serialization that maps {@link #KINDS} only, and does not scan the module path for more. */
    public static KubernetesSerialization serialization() {
        KubernetesSerialization serialization = new KubernetesSerialization(new ObjectMapper(), false);
        KINDS.forEach(serialization::registerKubernetesResource);
        return serialization;
    }

    /** A client for {@code config} with {@link #serialization()}. */
    public static KubernetesClient client(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(serialization()).build();
    }
}
