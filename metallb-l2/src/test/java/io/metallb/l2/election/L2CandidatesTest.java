package io.metallb.l2.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.L2Advertisement;
import io.metallb.api.net.IpAddress;
import io.metallb.api.node.Endpoint;
import io.metallb.api.node.Node;
import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.ExternalTrafficPolicy;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class L2CandidatesTest {

    static final Node A = Node.of("a", Map.of("zone", "x"));
    static final Node B = Node.of("b", Map.of("zone", "y"));
    static final Node DOWN = new Node("down", Map.of(), true);
    static final Node EXCLUDED = Node.of("excluded", Map.of(Node.EXCLUDE_FROM_LB_LABEL, ""));
    static final Node DEAD = Node.of("dead", Map.of());
    static final List<Node> NODES = List.of(A, B, DOWN, EXCLUDED, DEAD);
    static final Set<String> LIVE = Set.of("a", "b", "down", "excluded");
    static final Service SERVICE = Service.loadBalancer(ServiceKey.parse("default/web"))
            .withIngress(List.of(IpAddress.parse("198.51.100.5")));

    static L2Advertisement ad(LabelSelector... nodeSelectors) {
        return new L2Advertisement("ad", List.of(), List.of(), List.of(nodeSelectors), List.of());
    }

    @Test
    void liveHealthyUnexcludedNodesWithAnEndpointAnywhere() {
        assertThat(L2Candidates.of(NODES, LIVE, SERVICE, List.of(Endpoint.readyOn("b")), List.of(ad())))
                .containsExactly("a", "b");
    }

    @Test
    void nodeSelectorsOfAnyAdvertisementAndAnEmptyOneMeansAll() {
        LabelSelector zoneX = LabelSelector.ofLabels(Map.of("zone", "x"));
        List<Endpoint> eps = List.of(Endpoint.readyOn("b"));
        assertThat(L2Candidates.of(NODES, LIVE, SERVICE, eps, List.of(ad(zoneX)))).containsExactly("a");
        assertThat(L2Candidates.of(NODES, LIVE, SERVICE, eps, List.of(ad(zoneX), ad()))).containsExactly("a", "b");
        assertThat(L2Candidates.of(NODES, LIVE, SERVICE, eps, List.of())).isEmpty();
    }

    @Test
    void localTrafficPolicyKeepsOnlyNodesWithAnEndpoint() {
        Service local = SERVICE.withTrafficPolicy(ExternalTrafficPolicy.LOCAL, Map.of());
        assertThat(L2Candidates.of(NODES, LIVE, local, List.of(Endpoint.readyOn("b")), List.of(ad())))
                .containsExactly("b");
        assertThat(L2Candidates.owner(NODES, LIVE, local, List.of(Endpoint.readyOn("b")), List.of(ad())))
                .contains("b");
    }

    @Test
    void noEndpointNoCandidateNoOwner() {
        assertThat(L2Candidates.owner(NODES, LIVE, SERVICE, List.of(), List.of(ad()))).isEmpty();
    }
}
