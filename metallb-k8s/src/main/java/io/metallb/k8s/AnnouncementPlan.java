package io.metallb.k8s;

import io.metallb.api.node.L2Election;
import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.Config;
import io.metallb.api.config.IpAddressPool;
import io.metallb.api.config.L2Advertisement;
import io.metallb.api.net.IpAddress;
import io.metallb.api.node.Endpoint;
import io.metallb.api.node.Node;
import io.metallb.api.node.NodeEligibility;
import io.metallb.api.service.ExternalTrafficPolicy;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceAnnotations;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServiceType;
import io.metallb.api.spi.Announcement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * What one node must announce, per protocol: a pure function of the config, the services with their addresses,
 * their endpoints, the nodes and the live-node set (MetalLB's speaker {@code ShouldAnnounce} for each protocol,
 * see research section 4). Immutable.
 *
 * @param announcements per protocol ({@code layer2}, {@code bgp}), the complete desired set for this node
 * @param l2Owners per service announced over layer 2 by some node, the elected node
 */
record AnnouncementPlan(Map<String, Set<Announcement>> announcements, Map<ServiceKey, String> l2Owners) {

    static final String LAYER2 = "layer2";
    static final String BGP = "bgp";

    AnnouncementPlan {
        Map<String, Set<Announcement>> copy = new TreeMap<>();
        announcements.forEach((protocol, set) -> copy.put(protocol, Set.copyOf(set)));
        announcements = java.util.Collections.unmodifiableMap(copy);
        l2Owners = Map.copyOf(l2Owners);
    }

    /**
     * @param me this node's name
     * @param live the nodes whose speakers are alive (layer 2 elects among them)
     */
    static AnnouncementPlan compute(Config config, String me, Map<ServiceKey, Service> services,
            Map<ServiceKey, List<Endpoint>> endpoints, Map<String, Node> nodes, Set<String> live,
            Optional<String> loadBalancerClass) {
        Map<String, Set<Announcement>> out = new TreeMap<>();
        Map<ServiceKey, String> owners = new TreeMap<>();
        Node myNode = nodes.get(me);
        for (Service s : services.values()) {
            if (myNode == null || s.type() != ServiceType.LOAD_BALANCER || s.ingress().isEmpty()
                    || !s.loadBalancerClass().equals(loadBalancerClass)) {
                continue;
            }
            Optional<IpAddressPool> pool = poolFor(config, s.ingress());
            if (pool.isEmpty()) {
                continue; // ipNotAllowed
            }
            List<Endpoint> eps = endpoints.getOrDefault(s.key(), List.of());
            layer2(config, pool.get(), s, eps, myNode, nodes, live, owners, out);
            bgp(config, pool.get(), s, eps, myNode, out);
        }
        return new AnnouncementPlan(out, owners);
    }

    private static void layer2(Config config, IpAddressPool pool, Service s, List<Endpoint> eps, Node me,
            Map<String, Node> nodes, Set<String> live, Map<ServiceKey, String> owners,
            Map<String, Set<Announcement>> out) {
        List<L2Advertisement> ads = config.l2AdvertisementsFor(pool).stream()
                .filter(a -> a.selectsService(s.labels())).toList();
        if (ads.isEmpty() || !NodeEligibility.hasUsableEndpoint(eps)) {
            return; // noMatchingAdvertisement, or notOwner: no usable endpoint anywhere
        }
        if (sharesAddress(s) && ads.stream().anyMatch(a -> !a.serviceSelectors().isEmpty())) {
            return; // sharedIPWithServiceSelector: MetalLB refuses the combination
        }
        List<String> candidates = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (live.contains(n.name()) && !n.networkUnavailable()
                    && !n.labels().containsKey(Node.EXCLUDE_FROM_LB_LABEL)
                    && ads.stream().anyMatch(a -> a.selectsNode(n.labels()))
                    && (s.externalTrafficPolicy() != ExternalTrafficPolicy.LOCAL
                            || NodeEligibility.hasUsableEndpointOn(n, eps))) {
                candidates.add(n.name());
            }
        }
        // preferredNodeSelectors: the weights of every advertisement for this service add up per node
        ToLongFunction<String> score = name -> ads.stream()
                .mapToLong(a -> a.preferenceScore(nodes.get(name).labels())).sum();
        Optional<String> owner = L2Election.owner(s.ingress().get(0), candidates, score);
        owner.ifPresent(o -> owners.put(s.key(), o));
        if (owner.filter(me.name()::equals).isEmpty()) {
            return;
        }
        List<String> mine = ads.stream().filter(a -> a.selectsNode(me.labels()))
                .map(L2Advertisement::name).toList();
        add(out, LAYER2, s, pool, mine);
    }

    private static void bgp(Config config, IpAddressPool pool, Service s, List<Endpoint> eps, Node me,
            Map<String, Set<Announcement>> out) {
        List<BgpAdvertisement> ads = config.bgpAdvertisementsFor(pool).stream()
                .filter(a -> a.selectsNode(me.labels()) && a.selectsService(s.labels())).toList();
        if (ads.isEmpty() || conflicting(ads, pool)
                || !NodeEligibility.check(me, s, eps, List.of()).isEligible()) {
            return; // noMatchingAdvertisement, conflictingAdvertisements, or not eligible here
        }
        add(out, BGP, s, pool, ads.stream().map(BgpAdvertisement::name).toList());
    }

    /**
     * MetalLB's {@code checkBGPAdvConflicts}: the parser skips advertisements with service selectors in its
     * LOCAL_PREF check, so two of them may meet on one service; such a service is not announced.
     */
    private static boolean conflicting(List<BgpAdvertisement> ads, IpAddressPool pool) {
        for (int i = 0; i < ads.size(); i++) {
            for (int j = i + 1; j < ads.size(); j++) {
                if (ads.get(i).conflictsOnOneNode(ads.get(j), pool)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the service carries {@code allow-shared-ip} (either prefix), whatever its value. */
    private static boolean sharesAddress(Service s) {
        return ServiceAnnotations.lookup(s.annotations(), ServiceAnnotations.ALLOW_SHARED_IP).isPresent();
    }

    private static void add(Map<String, Set<Announcement>> out, String protocol, Service s, IpAddressPool pool,
            List<String> ads) {
        Set<Announcement> set = out.computeIfAbsent(protocol, p -> new java.util.LinkedHashSet<>());
        for (IpAddress ip : s.ingress()) {
            set.add(new Announcement(s.key(), ip, pool.name(), ads));
        }
    }

    /** The pool holding every address (the speaker's {@code poolFor} ignores avoidBuggyIPs). */
    static Optional<IpAddressPool> poolFor(Config config, List<IpAddress> ips) {
        return config.pools().values().stream()
                .filter(p -> ips.stream().allMatch(ip -> p.addresses().stream().anyMatch(r -> r.contains(ip))))
                .findFirst();
    }
}
