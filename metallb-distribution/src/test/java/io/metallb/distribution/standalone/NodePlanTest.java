package io.metallb.distribution.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.api.config.Config;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.node.Node;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Assignment;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The single-node speaker decision: node selectors, traffic policy without endpoints, the exclusion label. */
class NodePlanTest {

    static final String FILE = Fixtures.POOL + """
            ---
            apiVersion: metallb.io/v1beta1
            kind: BGPAdvertisement
            metadata:
              name: rack-a
            spec:
              nodeSelectors:
              - matchLabels:
                  rack: a
            ---
            apiVersion: metallb.io/v1beta1
            kind: L2Advertisement
            metadata:
              name: l2
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: local
            spec:
              type: LoadBalancer
              externalTrafficPolicy: Local
              selector:
                app: x
            """;

    static final ServiceKey LOCAL = ServiceKey.parse("local");

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    NodePlan plan(Map<String, String> labels) throws IOException {
        java.nio.file.Path file = dir.resolve("standalone.yaml");
        java.nio.file.Files.writeString(file, FILE);
        StandaloneInput in = StandaloneInput.read(file);
        Config config = ((ConfigResult.Valid) in.config()).config();
        return NodePlan.compute(config, Node.of("host-a", labels), in.services(), Map.of(LOCAL,
                StateFileTest.assignment("default/local", "edge", "198.51.100.10")));
    }

    @Test
    void localTrafficPolicyAnnouncesFromTheHostAndNodeSelectorsMatchItsLabels() throws IOException {
        NodePlan selected = plan(Map.of("rack", "a"));
        assertThat(selected.decisions().get(LOCAL)).extracting(NodePlan.Decision::protocol,
                NodePlan.Decision::announced).containsExactly(
                org.assertj.core.groups.Tuple.tuple("layer2", true), org.assertj.core.groups.Tuple.tuple("bgp", true));
        assertThat(selected.decisions().get(LOCAL).get(0).why()).isEqualTo("L2Advertisement \"l2\"; election for "
                + "198.51.100.10 among [host-a] (standalone: this node is the only candidate): host-a");
        assertThat(selected.decisions().get(LOCAL).get(1).why()).isEqualTo(
                "BGPAdvertisement \"rack-a\"; to no BGPPeer (none has a session from this node)");
        assertThat(selected.announcements().get("bgp")).extracting(a -> a.address().toString(),
                a -> a.advertisements()).containsExactly(org.assertj.core.groups.Tuple.tuple("198.51.100.10",
                List.of("rack-a")));

        NodePlan other = plan(Map.of("rack", "b"));
        assertThat(other.announcements()).containsOnlyKeys("layer2");
        assertThat(other.decisions().get(LOCAL).get(1).why()).isEqualTo(
                "node host-a (labels {rack=b}) matches the nodeSelectors of none of BGPAdvertisement \"rack-a\"");
    }

    @Test
    void theExclusionLabelKeepsTheHostFromAnnouncing() throws IOException {
        NodePlan excluded = plan(Map.of("rack", "a", Node.EXCLUDE_FROM_LB_LABEL, ""));
        assertThat(excluded.announcements()).isEmpty();
        assertThat(excluded.decisions().get(LOCAL)).allSatisfy(d -> assertThat(d.why())
                .isEqualTo("node host-a has label node.kubernetes.io/exclude-from-external-load-balancers"));
    }
}
