package io.metallb.distribution.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.Config;
import io.metallb.api.config.IpAddressPool;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;
import io.metallb.api.net.IpPrefix;
import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One look at the demo cluster: each Service as the API server has it, who announces it, the routes the BGP
 * router holds, and what is still missing compared with what the config asks for. Converged when nothing is.
 *
 * @param rows one per Service of services.yaml, in file order
 * @param routes every route the BGP router holds, by prefix then node
 * @param missing what is not (yet) as the config says, one line each
 */
record Observation(List<ServiceRow> rows, List<ReceivedRoute> routes, List<String> missing) {

    /** The pool annotation the controller writes. */
    static final String POOL_ANNOTATION = "metallb.io/ip-allocated-from-pool";

    Observation {
        rows = List.copyOf(rows);
        routes = List.copyOf(routes);
        missing = List.copyOf(missing);
    }

    /**
     * One line of the table.
     *
     * @param externalIps {@code status.loadBalancer.ingress}, in order
     * @param pool the controller's pool annotation, empty before it writes one
     * @param l2Owners the nodes whose layer2 announcer holds the service (one when converged)
     * @param bgpNodes the nodes the BGP router has a route of the service's addresses from
     */
    record ServiceRow(ServiceKey key, String type, List<String> externalIps, String pool, Set<String> l2Owners,
            Set<String> bgpNodes) {
        ServiceRow {
            externalIps = List.copyOf(externalIps);
            l2Owners = Set.copyOf(new TreeSet<>(l2Owners));
            bgpNodes = Set.copyOf(new TreeSet<>(bgpNodes));
        }
    }

    /** Whether every service has its addresses and announcements and the router holds exactly the routes. */
    boolean converged() {
        return missing.isEmpty();
    }

    /**
     * @param nodes the simulated nodes and their session addresses
     */
    static Observation take(KubernetesClient client, RecordingLayer2 layer2, DemoPeer peer, DemoExamples examples,
            Map<String, IpAddress> nodes) {
        Config config = examples.parsed();
        List<ServiceRow> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<ReceivedRoute> routes = new ArrayList<>(peer.routes());
        routes.sort((a, b) -> a.prefix().compareTo(b.prefix()) != 0 ? a.prefix().compareTo(b.prefix())
                : node(a, nodes).compareTo(node(b, nodes)));
        Set<String> expectedRoutes = new TreeSet<>();
        for (Map<String, Object> object : examples.services()) {
            ServiceKey key = key(object);
            var service = client.services().inNamespace(key.namespace()).withName(key.name()).get();
            List<String> ips = service == null || service.getStatus() == null
                    || service.getStatus().getLoadBalancer() == null
                    || service.getStatus().getLoadBalancer().getIngress() == null ? List.of()
                    : service.getStatus().getLoadBalancer().getIngress().stream().map(i -> i.getIp()).toList();
            String type = service == null ? "" : service.getSpec().getType();
            String pool = service == null || service.getMetadata().getAnnotations() == null ? ""
                    : service.getMetadata().getAnnotations().getOrDefault(POOL_ANNOTATION, "");
            List<IpAddress> addresses = ips.stream().map(IpAddress::parse).toList();
            Set<String> bgpNodes = new TreeSet<>();
            routes.stream().filter(r -> addresses.stream().anyMatch(a -> r.prefix().contains(a)))
                    .forEach(r -> bgpNodes.add(node(r, nodes)));
            rows.add(new ServiceRow(key, type, ips, pool, layer2.nodesAnnouncing(key), bgpNodes));
            if (!"LoadBalancer".equals(type)) {
                continue;
            }
            String policy = service.getSpec().getIpFamilyPolicy();
            if (addresses.isEmpty()) {
                missing.add(key + ": no address yet");
                continue;
            }
            if ("RequireDualStack".equals(policy) && addresses.stream().map(IpAddress::family).distinct().count() < 2) {
                missing.add(key + ": one family only, " + ips + " (RequireDualStack)");
            }
            Optional<IpAddressPool> from = poolOf(config, addresses);
            if (from.isEmpty()) {
                missing.add(key + ": " + ips + " is in no pool");
                continue;
            }
            if (!config.l2AdvertisementsFor(from.get()).isEmpty()
                    && layer2.nodesAnnouncing(key).size() != 1) {
                missing.add(key + ": layer2 announced by " + layer2.nodesAnnouncing(key)
                        + " (expected: exactly one node)");
            }
            for (BgpAdvertisement adv : config.bgpAdvertisementsFor(from.get())) {
                for (String node : nodes.keySet()) {
                    if (!LabelSelector.anyMatches(adv.nodeSelectors(), Demo.labels(node)) || config.bgpPeers()
                            .values().stream().noneMatch(p -> LabelSelector.anyMatches(p.nodeSelectors(),
                                    Demo.labels(node)) && (adv.peers().isEmpty() || adv.peers().contains(p.name())))) {
                        continue;
                    }
                    for (IpAddress a : addresses) {
                        int length = a.family() == IpFamily.IPV4 ? adv.aggregationLength() : adv.aggregationLengthV6();
                        expectedRoutes.add(IpPrefix.containing(a, length) + " from " + node);
                    }
                }
            }
        }
        Set<String> held = new TreeSet<>();
        routes.forEach(r -> held.add(r.prefix() + " from " + node(r, nodes)));
        expectedRoutes.stream().filter(r -> !held.contains(r))
                .forEach(r -> missing.add("route " + r + ": not received"));
        held.stream().filter(r -> !expectedRoutes.contains(r))
                .forEach(r -> missing.add("route " + r + ": not expected"));
        return new Observation(rows, routes, missing);
    }

    /** The node a route came from, by the session's source address; the address itself when unknown. */
    static String node(ReceivedRoute r, Map<String, IpAddress> nodes) {
        return nodes.entrySet().stream().filter(e -> e.getValue().equals(r.from().address())).map(Map.Entry::getKey)
                .findFirst().orElse(r.from().address().toString());
    }

    /** The pool holding every address, as the speaker finds it. */
    private static Optional<IpAddressPool> poolOf(Config config, List<IpAddress> addresses) {
        return config.pools().values().stream().filter(p -> addresses.stream()
                .allMatch(a -> p.addresses().stream().anyMatch(r -> r.contains(a)))).findFirst();
    }

    private static ServiceKey key(Map<String, Object> service) {
        Map<?, ?> meta = service.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Object ns = meta.get("namespace");
        return new ServiceKey(ns == null ? "default" : String.valueOf(ns), String.valueOf(meta.get("name")));
    }
}
