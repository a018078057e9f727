package io.metallb.api.node;

import static io.metallb.api.node.Eligibility.Reason.EXCLUDED_BY_LABEL;
import static io.metallb.api.node.Eligibility.Reason.NETWORK_UNAVAILABLE;
import static io.metallb.api.node.Eligibility.Reason.NOT_SELECTED;
import static io.metallb.api.node.Eligibility.Reason.NO_ENDPOINTS;
import static io.metallb.api.node.Eligibility.Reason.NO_LOCAL_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.selector.LabelRequirement;
import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.ExternalTrafficPolicy;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.service.ServicePort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeEligibilityTest {

    private static final Node WORKER = Node.of("worker-1", Map.of("zone", "a"));
    private static final Node DOWN = new Node("worker-1", Map.of("zone", "a"), true);
    private static final Node EXCLUDED = Node.of("worker-1",
            Map.of("zone", "a", Node.EXCLUDE_FROM_LB_LABEL, ""));
    private static final Service CLUSTER = Service.loadBalancer(new ServiceKey("web", "front"), ServicePort.tcp(80));
    private static final Service LOCAL = CLUSTER.withTrafficPolicy(ExternalTrafficPolicy.LOCAL, Map.of("app", "web"));

    private static final List<LabelSelector> ALL_NODES = List.of();
    private static final List<LabelSelector> ZONE_A = List.of(LabelSelector.ofLabels(Map.of("zone", "a")));
    private static final List<LabelSelector> ZONE_B = List.of(LabelSelector.ofLabels(Map.of("zone", "b")));

    private static final List<Endpoint> HERE = List.of(Endpoint.readyOn("worker-1"));
    private static final List<Endpoint> ELSEWHERE = List.of(Endpoint.readyOn("worker-2"));

    private static Endpoint on(String node, boolean ready, boolean serving, boolean terminating) {
        return new Endpoint(Optional.of(node), ready, serving, terminating);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // name, node, service, endpoints, node selectors, expected reason (null: eligible)
                row("healthy node, Cluster", WORKER, CLUSTER, HERE, ALL_NODES, null),
                row("Cluster, endpoint on another node", WORKER, CLUSTER, ELSEWHERE, ALL_NODES, null),
                row("Cluster, no endpoint at all", WORKER, CLUSTER, List.of(), ALL_NODES, NO_ENDPOINTS),
                row("Cluster, only a not-ready, not-serving endpoint", WORKER, CLUSTER,
                        List.of(on("worker-2", false, false, false)), ALL_NODES, NO_ENDPOINTS),
                row("Cluster, endpoint without a node name", WORKER, CLUSTER,
                        List.of(new Endpoint(Optional.empty(), true, true, false)), ALL_NODES, null),
                row("NetworkUnavailable", DOWN, CLUSTER, HERE, ALL_NODES, NETWORK_UNAVAILABLE),
                row("exclude label, any value", EXCLUDED, CLUSTER, HERE, ALL_NODES, EXCLUDED_BY_LABEL),
                row("selector matches", WORKER, CLUSTER, HERE, ZONE_A, null),
                row("selector does not match", WORKER, CLUSTER, HERE, ZONE_B, NOT_SELECTED),
                row("any of several selectors", WORKER, CLUSTER, HERE, List.of(ZONE_B.get(0), ZONE_A.get(0)), null),
                row("selector by expression", WORKER, CLUSTER, HERE, List.of(new LabelSelector(Map.of(),
                        List.of(new LabelRequirement("zone", LabelRequirement.Operator.NOT_IN, List.of("b"))))),
                        null),
                row("Local, ready endpoint here", WORKER, LOCAL, HERE, ALL_NODES, null),
                row("Local, endpoint on another node", WORKER, LOCAL, ELSEWHERE, ALL_NODES, NO_LOCAL_ENDPOINT),
                row("Local, no endpoint", WORKER, LOCAL, List.of(), ALL_NODES, NO_LOCAL_ENDPOINT),
                row("Local, not ready and not serving here", WORKER, LOCAL,
                        List.of(on("worker-1", false, false, false)), ALL_NODES, NO_LOCAL_ENDPOINT),
                row("Local, terminating but still serving here (MetalLB counts it)", WORKER, LOCAL,
                        List.of(on("worker-1", false, true, true)), ALL_NODES, null),
                row("Local, terminating and no longer serving here", WORKER, LOCAL,
                        List.of(on("worker-1", false, false, true)), ALL_NODES, NO_LOCAL_ENDPOINT),
                row("Local, ready but flagged terminating (terminating is not consulted)", WORKER, LOCAL,
                        List.of(on("worker-1", true, false, true)), ALL_NODES, null),
                row("Local, endpoint without a node name", WORKER, LOCAL,
                        List.of(new Endpoint(Optional.empty(), true, true, false)), ALL_NODES, NO_LOCAL_ENDPOINT),
                row("Local, one bad here and one good here", WORKER, LOCAL,
                        List.of(on("worker-1", false, false, false), Endpoint.readyOn("worker-1")), ALL_NODES, null),
                // Several failures: MetalLB's BGP order decides the reason.
                row("unselected and down: selectors first", DOWN, CLUSTER, HERE, ZONE_B, NOT_SELECTED),
                row("down and excluded: network first", new Node("worker-1",
                        Map.of(Node.EXCLUDE_FROM_LB_LABEL, "true"), true), CLUSTER, HERE, ALL_NODES,
                        NETWORK_UNAVAILABLE),
                row("excluded with no local endpoint: label first", EXCLUDED, LOCAL, ELSEWHERE, ALL_NODES,
                        EXCLUDED_BY_LABEL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesAsMetalLb(String name, Node node, Service service, List<Endpoint> endpoints,
            List<LabelSelector> selectors, Eligibility.Reason expected) {
        Eligibility e = NodeEligibility.check(node, service, endpoints, selectors);
        if (expected == null) {
            assertThat(e).isEqualTo(Eligibility.ELIGIBLE);
            assertThat(e.isEligible()).isTrue();
        } else {
            assertThat(e).isInstanceOfSatisfying(Eligibility.Ineligible.class,
                    i -> assertThat(i.reason()).isEqualTo(expected));
            assertThat(e.isEligible()).isFalse();
        }
    }

    @Test
    void detailsNameTheNodeAndService() {
        assertThat(NodeEligibility.check(WORKER, LOCAL, ELSEWHERE, ALL_NODES)).isEqualTo(
                new Eligibility.Ineligible(NO_LOCAL_ENDPOINT,
                        "externalTrafficPolicy Local and no serving endpoint of web/front on worker-1"));
        assertThat(NodeEligibility.check(EXCLUDED, CLUSTER, HERE, ALL_NODES)).isEqualTo(
                new Eligibility.Ineligible(EXCLUDED_BY_LABEL,
                        "node worker-1 has label node.kubernetes.io/exclude-from-external-load-balancers"));
        assertThat(NodeEligibility.check(WORKER, CLUSTER, HERE, ZONE_B)).isInstanceOfSatisfying(
                Eligibility.Ineligible.class, i -> assertThat(i.detail()).contains("worker-1", "zone=b"));
    }

    @Test
    void endpointCanServeAsEpslicesEndpointCanServe() {
        // ready (nil counts as ready) -> usable; else serving -> usable; terminating never consulted.
        assertThat(on("n", true, false, false).canServe()).isTrue();
        assertThat(on("n", false, true, false).canServe()).isTrue();
        assertThat(on("n", false, true, true).canServe()).isTrue();
        assertThat(on("n", false, false, true).canServe()).isFalse();
        assertThat(on("n", false, false, false).canServe()).isFalse();
        assertThat(NodeEligibility.hasUsableEndpoint(List.of())).isFalse();
        assertThat(NodeEligibility.hasUsableEndpointOn(WORKER, ELSEWHERE)).isFalse();
        assertThat(NodeEligibility.hasUsableEndpointOn(WORKER, HERE)).isTrue();
    }

    @Test
    void nodeCopiesItsLabels() {
        Map<String, String> labels = new HashMap<>(Map.of("zone", "a"));
        Node n = Node.of("worker-1", labels);
        labels.put(Node.EXCLUDE_FROM_LB_LABEL, "");
        assertThat(NodeEligibility.check(n, CLUSTER, HERE, ALL_NODES).isEligible()).isTrue();
    }

    private static Arguments row(String name, Node node, Service service, List<Endpoint> endpoints,
            List<LabelSelector> selectors, Eligibility.Reason expected) {
        return Arguments.of(name, node, service, endpoints, selectors, expected);
    }
}
