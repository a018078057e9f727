package io.metallb.distribution.explain;

import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.Config;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.config.IpAddressPool;
import io.metallb.api.node.NodeEligibility;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceAnnotations;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.Assignment;
import io.metallb.api.spi.Reconciliation;
import io.metallb.distribution.standalone.NodePlan;
import io.metallb.k8s.ClusterSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The text {@code metallb explain SERVICE} prints from a cluster, and its exit code: the allocator is given the
 * config and every address held in Service status, as the controller restores them, then the Service is
 * reconciled; who announces it is each node's speaker plan, computed from the nodes, the Service's endpoints and
 * the Ready speakers.
 */
final class ClusterExplanation {

    /** The config read is refused (as {@code validate}). */
    static final int INVALID = 1;

    private ClusterExplanation() {
    }

    /** @param snapshot the cluster, holding the Service explained */
    static Explanation of(ClusterSnapshot snapshot, Allocator allocator, Optional<String> loadBalancerClass) {
        List<String> out = new ArrayList<>();
        snapshot.configWarning().ifPresent(w -> out.add("warning: " + w));
        if (snapshot.config() instanceof ConfigResult.Invalid invalid) {
            out.add(invalid.describe());
            out.add("the cluster's MetalLB config is invalid (the controller refuses it too), nothing to explain");
            return new Explanation(out, INVALID);
        }
        ConfigResult.Valid valid = (ConfigResult.Valid) snapshot.config();
        valid.warnings().forEach(w -> out.add("config warning: " + w));
        Config config = valid.config();
        Service service = snapshot.service().orElseThrow();
        out.add(Explanation.header(service));
        SortedMap<String, String> asked = new TreeMap<>();
        service.annotations().forEach((k, v) -> {
            if (k.startsWith(ServiceAnnotations.PREFIX) || k.startsWith(ServiceAnnotations.DEPRECATED_PREFIX)) {
                asked.put(k, v);
            }
        });
        out.add("  annotations: " + (asked.isEmpty() ? "none of MetalLB's" : asked));
        service.loadBalancerIp().ifPresent(ip -> out.add("  spec.loadBalancerIP: " + ip));
        out.add("  status: " + (service.ingress().isEmpty() ? "no address" : "ingress " + service.ingress())
                + ServiceAnnotations.lookup(service.annotations(), ServiceAnnotations.IP_ALLOCATED_FROM_POOL)
                        .map(f -> ", " + f.key() + ": " + f.value()).orElse(""));
        allocator.setConfig(config);
        String refused = snapshot.restore(allocator, loadBalancerClass).get(snapshot.key());
        if (refused != null) {
            out.add("  its status address is not kept: " + refused);
        }
        Reconciliation r = allocator.reconcile(service, snapshot.labelsOf(snapshot.key().namespace()),
                loadBalancerClass);
        Optional<Assignment> got = Explanation.address(out, config, service,
                snapshot.labelsOf(snapshot.key().namespace()), r, allocator);
        if (got.isEmpty()) {
            return new Explanation(out, Explanation.NO_ADDRESS);
        }
        Assignment a = got.get();
        out.add("Address: " + Explanation.ips(a) + " from pool \"" + a.pool() + "\"" + (a.ips().equals(
                service.ingress()) ? " (as in its status)" : " (not yet in its status: the controller writes it)"));
        return announcement(out, config, snapshot, a, loadBalancerClass);
    }

    private static Explanation announcement(List<String> out, Config config, ClusterSnapshot snapshot,
            Assignment a, Optional<String> loadBalancerClass) {
        ClusterSnapshot.Announcing announcing = snapshot.announcing(config, a.ips(), loadBalancerClass);
        out.add("Speakers Ready on " + (snapshot.liveNodes().isEmpty() ? "no node" : snapshot.liveNodes())
                + " (nodes: " + snapshot.nodes().keySet() + "); endpoints: " + snapshot.endpoints().size());
        IpAddressPool pool = config.pools().get(a.pool());
        Map<String, List<String>> l2 = announcing.byProtocol().getOrDefault(NodePlan.LAYER2, new TreeMap<>());
        boolean any = false;
        if (announcing.layer2Owner().isPresent() && l2.containsKey(announcing.layer2Owner().get())) {
            String owner = announcing.layer2Owner().get();
            any = true;
            out.add("  layer2: node " + owner + ", elected among the live eligible nodes (L2Advertisement "
                    + NodePlan.quoted(l2.get(owner)) + ")");
        } else {
            out.add("  layer2: no node: " + (config.l2AdvertisementsFor(pool).isEmpty()
                    ? "no L2Advertisement covers pool \"" + pool.name() + "\""
                    : notEligible(snapshot, true)));
        }
        Map<String, List<String>> bgp = announcing.byProtocol().getOrDefault(NodePlan.BGP, new TreeMap<>());
        if (bgp.isEmpty()) {
            out.add("  bgp: no node: " + (config.bgpAdvertisementsFor(pool).isEmpty()
                    ? "no BGPAdvertisement covers pool \"" + pool.name() + "\"" : notEligible(snapshot, false)));
        }
        for (var node : bgp.entrySet()) {
            List<BgpAdvertisement> ads = node.getValue().stream().map(config.bgpAdvertisements()::get).toList();
            List<String> peers = NodePlan.peers(config, ads, snapshot.nodes().get(node.getKey()));
            if (peers.isEmpty()) {
                out.add("  bgp: not from " + node.getKey() + ": no BGPPeer's nodeSelectors match it (BGPAdvertisement "
                        + NodePlan.quoted(node.getValue()) + " applies there, but it has no session)");
                continue;
            }
            boolean live = snapshot.liveNodes().contains(node.getKey());
            any |= live;
            out.add("  bgp: node " + node.getKey() + (live ? "" : " would, but its speaker is not Ready")
                    + " (BGPAdvertisement " + NodePlan.quoted(node.getValue()) + "; to BGPPeer "
                    + NodePlan.quoted(peers) + ")");
        }
        return new Explanation(out, any ? Explanation.ANNOUNCED : Explanation.NOT_ANNOUNCED);
    }

    /** Why no node qualifies: the first cause that rules out every node, else the rules in words. */
    private static String notEligible(ClusterSnapshot snapshot, boolean layer2) {
        if (!NodeEligibility.hasUsableEndpoint(snapshot.endpoints())) {
            return "the Service has no ready endpoint on any node";
        }
        if (layer2 && snapshot.liveNodes().isEmpty()) {
            return "no node has a Ready speaker Pod (--speaker-selector)";
        }
        return (layer2 ? "no live node is eligible " : "no node is eligible ") + ELIGIBLE;
    }

    private static final String ELIGIBLE = "(advertisements' nodeSelectors and serviceSelectors, a ready endpoint "
            + "on the node for externalTrafficPolicy Local or anywhere for Cluster, no NetworkUnavailable, no "
            + "node.kubernetes.io/exclude-from-external-load-balancers label)";
}
