package io.metallb.distribution.standalone;

import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.BgpPeer;
import io.metallb.api.config.Config;
import io.metallb.api.config.IpAddressPool;
import io.metallb.api.config.L2Advertisement;
import io.metallb.api.net.IpAddress;
import io.metallb.api.node.Eligibility;
import io.metallb.api.node.Endpoint;
import io.metallb.api.node.L2Election;
import io.metallb.api.node.Node;
import io.metallb.api.node.NodeEligibility;
import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.Assignment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What this host announces, per protocol, and why: the speaker's decision ({@code ShouldAnnounce}) for a cluster
 * of one node. Pure.
 *
 * <p>Standalone mode has no EndpointSlices: the host is taken to serve every Service itself, i.e. each Service
 * has one ready endpoint on this node. So {@code externalTrafficPolicy: Local} and {@code Cluster} announce
 * alike; what can still keep a Service unannounced is the advertisements: none covering its pool, or none whose
 * {@code nodeSelectors} match this node's labels ({@code --node-label}), or the node carrying
 * {@code node.kubernetes.io/exclude-from-external-load-balancers}. Layer 2 elects among one candidate, this node.
 *
 * @param announcements per protocol ({@code layer2}, {@code bgp}) the complete desired set
 * @param decisions per Service holding an address, one decision per protocol
 */
public record NodePlan(SortedMap<String, Set<Announcement>> announcements,
        SortedMap<ServiceKey, List<Decision>> decisions) {

    public static final String LAYER2 = "layer2";
    public static final String BGP = "bgp";

    public NodePlan {
        SortedMap<String, Set<Announcement>> copy = new TreeMap<>();
        announcements.forEach((p, set) -> copy.put(p, Set.copyOf(set)));
        announcements = java.util.Collections.unmodifiableSortedMap(copy);
        decisions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(decisions));
    }

    /**
     * Whether this node announces a service by {@code protocol}.
     *
     * @param advertisements the advertisements that apply on this node (for the announcer)
     * @param why the reason in words: which advertisement, which peers, or why not
     */
    public record Decision(String protocol, boolean announced, List<String> advertisements, String why) {
        public Decision {
            advertisements = List.copyOf(advertisements);
        }
    }

    public static NodePlan compute(Config config, Node node, Map<ServiceKey, Service> services,
            Map<ServiceKey, Assignment> held) {
        SortedMap<String, Set<Announcement>> out = new TreeMap<>();
        SortedMap<ServiceKey, List<Decision>> decisions = new TreeMap<>();
        for (Assignment a : held.values()) {
            Service s = services.get(a.service());
            IpAddressPool pool = config.pools().get(a.pool());
            if (s == null || pool == null) {
                continue;
            }
            List<Endpoint> endpoints = List.of(Endpoint.readyOn(node.name()));
            List<Decision> d = List.of(layer2(config, pool, s, a, node, endpoints),
                    bgp(config, pool, s, node, endpoints));
            decisions.put(s.key(), d);
            for (Decision one : d) {
                if (one.announced()) {
                    Set<Announcement> set = out.computeIfAbsent(one.protocol(), p -> new LinkedHashSet<>());
                    for (IpAddress ip : a.ips()) {
                        set.add(new Announcement(s.key(), ip, pool.name(), one.advertisements()));
                    }
                }
            }
        }
        return new NodePlan(out, decisions);
    }

    private static Decision layer2(Config config, IpAddressPool pool, Service s, Assignment a, Node node,
            List<Endpoint> endpoints) {
        List<L2Advertisement> ads = config.l2AdvertisementsFor(pool);
        List<String> mine = ads.stream().filter(ad -> LabelSelector.anyMatches(ad.nodeSelectors(), node.labels()))
                .map(L2Advertisement::name).toList();
        String refusal = refusal(ads.stream().map(L2Advertisement::name).toList(), mine, "L2Advertisement", pool,
                node, s, endpoints);
        if (refusal != null) {
            return new Decision(LAYER2, false, List.of(), refusal);
        }
        List<String> ranking = L2Election.ranking(a.ips().get(0), List.of(node.name()));
        return new Decision(LAYER2, true, mine, "L2Advertisement " + quoted(mine) + "; election for "
                + a.ips().get(0) + " among " + ranking + " (standalone: this node is the only candidate): "
                + ranking.get(0));
    }

    private static Decision bgp(Config config, IpAddressPool pool, Service s, Node node, List<Endpoint> endpoints) {
        List<BgpAdvertisement> ads = config.bgpAdvertisementsFor(pool);
        List<BgpAdvertisement> mine = ads.stream()
                .filter(ad -> LabelSelector.anyMatches(ad.nodeSelectors(), node.labels())).toList();
        List<String> names = mine.stream().map(BgpAdvertisement::name).toList();
        String refusal = refusal(ads.stream().map(BgpAdvertisement::name).toList(), names, "BGPAdvertisement",
                pool, node, s, endpoints);
        if (refusal != null) {
            return new Decision(BGP, false, List.of(), refusal);
        }
        List<String> peers = peers(config, mine, node);
        return new Decision(BGP, true, names, "BGPAdvertisement " + quoted(names) + "; to "
                + (peers.isEmpty() ? "no BGPPeer (none has a session from this node)" : "BGPPeer " + quoted(peers)));
    }

    /** Why not, or null when this node may announce. */
    private static String refusal(List<String> covering, List<String> mine, String kind, IpAddressPool pool,
            Node node, Service s, List<Endpoint> endpoints) {
        if (covering.isEmpty()) {
            return "no " + kind + " covers pool \"" + pool.name() + "\"";
        }
        if (mine.isEmpty()) {
            return "node " + node.name() + " (labels " + node.labels() + ") matches the nodeSelectors of none of "
                    + kind + " " + quoted(covering);
        }
        Eligibility e = NodeEligibility.check(node, s, endpoints, List.of());
        return e instanceof Eligibility.Ineligible no ? no.detail() : null;
    }

    /**
     * The BGPPeers the advertisements go to from {@code node}: peers whose nodeSelectors match it, named by an
     * advertisement (one naming no peer goes to all).
     */
    public static List<String> peers(Config config, List<BgpAdvertisement> ads, Node node) {
        boolean all = ads.stream().anyMatch(ad -> ad.peers().isEmpty());
        Set<String> named = new java.util.TreeSet<>();
        ads.forEach(ad -> named.addAll(ad.peers()));
        List<String> out = new ArrayList<>();
        for (BgpPeer p : config.bgpPeers().values()) {
            if (LabelSelector.anyMatches(p.nodeSelectors(), node.labels()) && (all || named.contains(p.name()))) {
                out.add(p.name());
            }
        }
        return out;
    }

    public static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
    }
}
