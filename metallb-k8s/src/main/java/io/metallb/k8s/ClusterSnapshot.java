package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.metallb.api.config.Config;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.net.IpAddress;
import io.metallb.api.node.Endpoint;
import io.metallb.api.node.Node;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServiceType;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.Announcement;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the cluster says about one Service, read once with plain gets and lists (no informer, no write), for
 * {@code metallb explain}: the config chosen and parsed as the controller and speaker do, every LoadBalancer
 * Service (whose status holds the addresses in use), the namespaces' labels, the nodes, the Service's endpoints
 * and the nodes whose speaker Pod is Ready. The answers come from the controller's and speaker's own code:
 * {@link #restore} is the controller's restore-from-status, {@link #announcing} the speaker's plan per node.
 *
 * @param config the config, chosen between the metallb.io objects and the legacy ConfigMap and parsed
 * @param configWarning set when a config source was ignored
 * @param key the Service explained
 * @param service that Service, if it exists
 * @param loadBalancers every Service of type LoadBalancer, by key
 * @param namespaceLabels each namespace's labels
 * @param nodes every node, by name
 * @param endpoints the Service's endpoints, from its EndpointSlices
 * @param liveNodes the nodes whose speaker Pod is Ready and not being deleted
 */
public record ClusterSnapshot(ConfigResult config, Optional<String> configWarning, ServiceKey key,
        Optional<Service> service, SortedMap<ServiceKey, Service> loadBalancers,
        Map<String, Map<String, String>> namespaceLabels, SortedMap<String, Node> nodes, List<Endpoint> endpoints,
        Set<String> liveNodes) {

    public ClusterSnapshot {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(configWarning, "configWarning");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(service, "service");
        loadBalancers = Collections.unmodifiableSortedMap(new TreeMap<>(loadBalancers));
        namespaceLabels = Map.copyOf(namespaceLabels);
        nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        endpoints = List.copyOf(endpoints);
        liveNodes = Collections.unmodifiableSet(new TreeSet<>(liveNodes));
    }

    /**
     * Reads the cluster; only get and list requests are made.
     *
     * @param namespace MetalLB's namespace: its config objects, the legacy ConfigMap, the speaker Pods
     * @param speakerLabels labels selecting the speaker Pods (as the speaker's {@link ReadySpeakers})
     * @throws KubernetesClientException when the API server cannot be read
     */
    public static ClusterSnapshot read(KubernetesClient client, String namespace, ServiceKey key,
            Map<String, String> speakerLabels) {
        List<Map<String, Object>> trees = new ArrayList<>();
        for (var kind : MetalLbResources.CONFIG_KINDS) {
            listOrNone(() -> client.genericKubernetesResources(kind).inNamespace(namespace).list().getItems())
                    .forEach(r -> trees.add(Trees.of(client, r)));
        }
        ConfigMap legacy = client.configMaps().inNamespace(namespace).withName(ConfigSources.LEGACY_NAME).get();
        ConfigSources.Chosen chosen = ConfigSources.choose(trees,
                Optional.ofNullable(legacy).map(cm -> ConfigInformers.legacyOf(client, cm)));
        Optional<Service> service = Optional.empty();
        SortedMap<ServiceKey, Service> loadBalancers = new TreeMap<>();
        for (var s : client.services().inAnyNamespace().list().getItems()) {
            Service one = Trees.service(client, s);
            if (one.key().equals(key)) {
                service = Optional.of(one);
            }
            if (one.type() == ServiceType.LOAD_BALANCER) {
                loadBalancers.put(one.key(), one);
            }
        }
        Map<String, Map<String, String>> namespaceLabels = new TreeMap<>();
        client.namespaces().list().getItems().forEach(ns -> namespaceLabels.put(ns.getMetadata().getName(),
                ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels()));
        SortedMap<String, Node> nodes = new TreeMap<>();
        client.genericKubernetesResources(MetalLbResources.NODES).list().getItems()
                .forEach(n -> nodes.put(n.getMetadata().getName(), ClusterObjects.node(n)));
        List<Endpoint> endpoints = ClusterObjects.endpoints(client.discovery().v1().endpointSlices()
                .inNamespace(key.namespace()).withLabel(ClusterObjects.SERVICE_NAME_LABEL, key.name()).list()
                .getItems()).getOrDefault(key, List.of());
        Set<String> live = ReadySpeakers.nodesOfReady(client.genericKubernetesResources(MetalLbResources.PODS)
                .inNamespace(namespace)
                .withLabels(Map.copyOf(speakerLabels)).list().getItems());
        return new ClusterSnapshot(chosen.result(), chosen.warning(), key, service, loadBalancers, namespaceLabels,
                nodes, endpoints, live);
    }

    /** A cluster without MetalLB's CRDs has no such objects (404), as the legacy-ConfigMap-only clusters. */
    private static List<GenericKubernetesResource> listOrNone(
            java.util.function.Supplier<List<GenericKubernetesResource>> list) {
        try {
            return list.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    /** The labels of {@code namespace}; none when it is not known. */
    public Map<String, String> labelsOf(String namespace) {
        return namespaceLabels.getOrDefault(namespace, Map.of());
    }

    /**
     * Restores every address held in Service status into {@code allocator} (its config already set), as the
     * controller does on its first valid config, before anything is allocated.
     *
     * @param loadBalancerClass the class the controller serves ({@code --lb-class}); empty: services without one
     * @return per service whose status could not be restored, the allocator's reason
     */
    public SortedMap<ServiceKey, String> restore(Allocator allocator, Optional<String> loadBalancerClass) {
        return StatusRestore.restore(allocator, loadBalancers.values(), this::labelsOf, loadBalancerClass)
                .refused();
    }

    /**
     * How the speakers announce the Service if it holds {@code ips}: per protocol ({@code layer2}, {@code bgp}),
     * the nodes whose plan ({@code AnnouncementPlan}, the speaker's own) announces it, with the advertisements
     * that apply there. Layer 2 is elected among the live nodes; a node whose speaker is not live is still listed
     * when its plan would announce by BGP, and {@link #liveNodes} tells whether it runs.
     */
    public Announcing announcing(Config config, List<IpAddress> ips, Optional<String> loadBalancerClass) {
        Service s = service.orElseThrow(() -> new IllegalStateException("no Service " + key)).withIngress(ips);
        SortedMap<String, SortedMap<String, List<String>>> byProtocol = new TreeMap<>();
        Optional<String> owner = Optional.empty();
        for (String node : nodes.keySet()) {
            AnnouncementPlan plan = AnnouncementPlan.compute(config, node, Map.of(key, s), Map.of(key, endpoints),
                    nodes, liveNodes, loadBalancerClass);
            owner = owner.or(() -> Optional.ofNullable(plan.l2Owners().get(key)));
            plan.announcements().forEach((protocol, set) -> set.stream().filter(a -> a.service().equals(key))
                    .map(Announcement::advertisements).findFirst().ifPresent(ads -> byProtocol
                            .computeIfAbsent(protocol, p -> new TreeMap<>()).put(node, ads)));
        }
        return new Announcing(owner, byProtocol);
    }

    /**
     * @param layer2Owner the node elected to answer ARP/NDP for the Service, if any is eligible
     * @param byProtocol per protocol, per node announcing the Service, the advertisements applying there
     */
    public record Announcing(Optional<String> layer2Owner,
            SortedMap<String, SortedMap<String, List<String>>> byProtocol) {
        public Announcing {
            Objects.requireNonNull(layer2Owner, "layer2Owner");
            SortedMap<String, SortedMap<String, List<String>>> copy = new TreeMap<>();
            byProtocol.forEach((p, m) -> copy.put(p, Collections.unmodifiableSortedMap(new TreeMap<>(m))));
            byProtocol = Collections.unmodifiableSortedMap(copy);
        }
    }
}
