package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.BgpAdvertisement;
import io.metallb.api.config.Config;
import io.metallb.api.config.IpAddressPool;
import io.metallb.api.config.L2Advertisement;
import io.metallb.api.config.PreferredNodeSelector;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpRange;
import io.metallb.api.node.Endpoint;
import io.metallb.api.node.L2Election;
import io.metallb.api.node.Node;
import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import io.metallb.api.spi.Announcement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The speaker's pure plan for MetalLB's advertisement-level selectors: {@code serviceSelectors} on L2 and BGP
 * advertisements, {@code preferredNodeSelectors} in the layer 2 election, {@code sharedIPWithServiceSelector}
 * and {@code conflictingAdvertisements}.
 */
class AnnouncementPlanTest {

    private static final IpAddressPool POOL = IpAddressPool.of("prod", List.of(IpRange.parse("198.51.100.0/24")));
    private static final LabelSelector WEB = LabelSelector.ofLabels(Map.of("app", "web"));
    private static final Map<String, Node> NODES = nodes(
            Node.of("node-a", Map.of("rack", "r1")), Node.of("node-b", Map.of("rack", "r2")),
            Node.of("node-c", Map.of("rack", "r2")));
    private static final Set<String> LIVE = NODES.keySet();

    private static Map<String, Node> nodes(Node... nodes) {
        Map<String, Node> out = new TreeMap<>();
        for (Node n : nodes) {
            out.put(n.name(), n);
        }
        return out;
    }

    private static Service service(String name, String ip, Map<String, String> labels) {
        return Service.loadBalancer(new ServiceKey("default", name), ServicePort.tcp(80)).withLabels(labels)
                .withIngress(List.of(IpAddress.parse(ip)));
    }

    private static Map<ServiceKey, Service> byKey(Service... services) {
        Map<ServiceKey, Service> out = new TreeMap<>();
        for (Service s : services) {
            out.put(s.key(), s);
        }
        return out;
    }

    private static Map<ServiceKey, List<Endpoint>> endpointsOnEveryNode(Map<ServiceKey, Service> services) {
        return services.keySet().stream().collect(Collectors.toMap(k -> k,
                k -> NODES.keySet().stream().map(Endpoint::readyOn).toList()));
    }

    private static AnnouncementPlan plan(Config config, String me, Map<ServiceKey, Service> services) {
        return AnnouncementPlan.compute(config, me, services, endpointsOnEveryNode(services), NODES, LIVE,
                Optional.empty());
    }

    private static Set<ServiceKey> announced(AnnouncementPlan plan, String protocol) {
        return plan.announcements().getOrDefault(protocol, Set.of()).stream().map(Announcement::service)
                .collect(Collectors.toSet());
    }

    private static L2Advertisement l2(String name, List<LabelSelector> services, List<PreferredNodeSelector> pref) {
        return new L2Advertisement(name, List.of(), List.of(), List.of(), List.of(), services, pref);
    }

    private static BgpAdvertisement bgp(String name, long localPref, List<LabelSelector> services) {
        return new BgpAdvertisement(name, 32, 128, OptionalLong.of(localPref), List.of(), List.of(), List.of(),
                List.of(), List.of(), services);
    }

    @Test
    void layer2ServiceSelectorsLimitWhichServicesAreAnnouncedAnywhere() {
        Config config = Config.of(List.of(POOL), List.of(l2("web-only", List.of(WEB), List.of())), List.of(),
                List.of(), List.of(), List.of());
        Service web = service("web", "198.51.100.1", Map.of("app", "web"));
        Service db = service("db", "198.51.100.2", Map.of("app", "db"));
        Map<ServiceKey, Service> services = byKey(web, db);

        Set<ServiceKey> everywhere = NODES.keySet().stream()
                .flatMap(n -> announced(plan(config, n, services), AnnouncementPlan.LAYER2).stream())
                .collect(Collectors.toSet());
        assertThat(everywhere).containsExactly(web.key());
        assertThat(plan(config, "node-a", services).l2Owners()).containsOnlyKeys(web.key());
    }

    @Test
    void preferredNodesWinTheElectionAndTheirWeightsAddUpAcrossAdvertisements() {
        Service web = service("web", "198.51.100.1", Map.of());
        Map<ServiceKey, Service> services = byKey(web);
        // Find the node that loses the plain election; prefer it, and it must win.
        List<String> ranking = L2Election.ranking(IpAddress.parse("198.51.100.1"), NODES.keySet());
        String loser = ranking.get(ranking.size() - 1);
        LabelSelector loserRack = LabelSelector.ofLabels(NODES.get(loser).labels());
        Config preferLoser = Config.of(List.of(POOL),
                List.of(l2("pref", List.of(), List.of(new PreferredNodeSelector(10, loserRack)))),
                List.of(), List.of(), List.of(), List.of());
        String expected = NODES.values().stream().filter(n -> loserRack.matches(n.labels())).map(Node::name)
                .min((x, y) -> Integer.compare(ranking.indexOf(x), ranking.indexOf(y))).orElseThrow();

        assertThat(plan(preferLoser, "node-a", services).l2Owners()).containsEntry(web.key(), expected);
        assertThat(announced(plan(preferLoser, expected, services), AnnouncementPlan.LAYER2))
                .containsExactly(web.key());

        // Two advertisements: r1 weighs 30 in one, r2 weighs 20 + 20 across both: r2 wins.
        LabelSelector r1 = LabelSelector.ofLabels(Map.of("rack", "r1"));
        LabelSelector r2 = LabelSelector.ofLabels(Map.of("rack", "r2"));
        Config summed = Config.of(List.of(POOL), List.of(
                l2("one", List.of(), List.of(new PreferredNodeSelector(30, r1), new PreferredNodeSelector(20, r2))),
                l2("two", List.of(), List.of(new PreferredNodeSelector(20, r2)))),
                List.of(), List.of(), List.of(), List.of());
        String owner = plan(summed, "node-a", services).l2Owners().get(web.key());
        assertThat(NODES.get(owner).labels()).containsEntry("rack", "r2");
    }

    @Test
    void aSharedAddressIsNotAnnouncedByAdvertisementsWithServiceSelectors() {
        Config config = Config.of(List.of(POOL), List.of(l2("web-only", List.of(WEB), List.of())), List.of(),
                List.of(), List.of(), List.of());
        Service shared = service("web", "198.51.100.1", Map.of("app", "web"))
                .withAnnotations(Map.of("metallb.universe.tf/allow-shared-ip", "k"));
        Map<ServiceKey, Service> services = byKey(shared);

        for (String node : NODES.keySet()) {
            assertThat(plan(config, node, services).announcements()).doesNotContainKey(AnnouncementPlan.LAYER2);
        }
        // without service selectors the same service is announced by its elected node
        Config plain = Config.of(List.of(POOL), List.of(l2("all", List.of(), List.of())), List.of(), List.of(),
                List.of(), List.of());
        String owner = plan(plain, "node-a", services).l2Owners().get(shared.key());
        assertThat(announced(plan(plain, owner, services), AnnouncementPlan.LAYER2)).containsExactly(shared.key());
    }

    @Test
    void bgpServiceSelectorsAndConflictingLocalPreferences() {
        Service web = service("web", "198.51.100.1", Map.of("app", "web"));
        Service db = service("db", "198.51.100.2", Map.of("app", "db"));
        Map<ServiceKey, Service> services = byKey(web, db);

        Config selective = Config.of(List.of(POOL), List.of(), List.of(bgp("web-only", 100, List.of(WEB))),
                List.of(), List.of(), List.of());
        assertThat(announced(plan(selective, "node-b", services), AnnouncementPlan.BGP)).containsExactly(web.key());

        // Two advertisements meet on "web" with different LOCAL_PREF: MetalLB withdraws it
        // (conflictingAdvertisements); "db" only has the unselective one and stays announced.
        Config conflicting = Config.of(List.of(POOL), List.of(),
                List.of(bgp("web-only", 100, List.of(WEB)), bgp("all", 200, List.of())),
                List.of(), List.of(), List.of());
        assertThat(announced(plan(conflicting, "node-b", services), AnnouncementPlan.BGP)).containsExactly(db.key());

        Config agreeing = Config.of(List.of(POOL), List.of(),
                List.of(bgp("web-only", 100, List.of(WEB)), bgp("all", 100, List.of())),
                List.of(), List.of(), List.of());
        assertThat(announced(plan(agreeing, "node-b", services), AnnouncementPlan.BGP))
                .containsExactlyInAnyOrder(web.key(), db.key());
    }
}
