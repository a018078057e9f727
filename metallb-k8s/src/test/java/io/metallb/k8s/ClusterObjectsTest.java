package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.metallb.api.node.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nodes and speaker Pods read as generic objects: the fields the speaker uses, and input it must survive. */
class ClusterObjectsTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private static GenericKubernetesResource parse(String json) {
        return JSON.unmarshal(json, GenericKubernetesResource.class);
    }

    private static GenericKubernetesResource withStatus(String kind, String name, Object status) {
        return new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind(kind).withNewMetadata()
                .withName(name).endMetadata().withAdditionalProperties(Map.of("status", status)).build();
    }

    @Test
    void nodeKeepsItsLabelsAndIsUnavailableOnlyWhenNetworkUnavailableIsTrue() {
        Node node = ClusterObjects.node(parse("""
                {"apiVersion": "v1", "kind": "Node",
                 "metadata": {"name": "n1", "labels": {"zone": "a", "kubernetes.io/hostname": "n1"}},
                 "status": {"conditions": [{"type": "Ready", "status": "True"},
                                           {"type": "NetworkUnavailable", "status": "True"}],
                            "images": [{"names": ["registry.example/x:1"], "sizeBytes": 1}]}}
                """));
        assertThat(node.name()).isEqualTo("n1");
        assertThat(node.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("zone", "a", "kubernetes.io/hostname",
                "n1"));
        assertThat(node.networkUnavailable()).isTrue();

        Node available = ClusterObjects.node(withStatus("Node", "n2", Map.of("conditions",
                List.of(Map.of("type", "NetworkUnavailable", "status", "False")))));
        assertThat(available.networkUnavailable()).isFalse();
        assertThat(available.labels()).isEmpty();
    }

    @Test
    void malformedConditionsHoldNothing() {
        assertThat(ClusterObjects.node(withStatus("Node", "a", "not an object")).networkUnavailable()).isFalse();
        assertThat(ClusterObjects.node(withStatus("Node", "b", Map.of("conditions", "True"))).networkUnavailable())
                .isFalse();
        assertThat(ClusterObjects.node(withStatus("Node", "c", Map.of("conditions",
                List.of("NetworkUnavailable", Map.of("type", "NetworkUnavailable"))))).networkUnavailable())
                .isFalse();
        assertThat(ClusterObjects.node(parse("""
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "d"}}
                """)).networkUnavailable()).isFalse();
    }

    @Test
    void liveNodesAreThoseOfReadyPodsWithANodeThatAreNotBeingDeleted() {
        GenericKubernetesResource ready = parse("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "s1", "namespace": "metallb-system"},
                 "spec": {"nodeName": "n1", "containers": [{"name": "speaker", "image": "x"}]},
                 "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
                """);
        GenericKubernetesResource notReady = parse("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "s2"}, "spec": {"nodeName": "n2"},
                 "status": {"conditions": [{"type": "Ready", "status": "False"}]}}
                """);
        GenericKubernetesResource deleting = parse("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "s3", "deletionTimestamp": "2026-11-22T10:00:00Z"}, "spec": {"nodeName": "n3"},
                 "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
                """);
        GenericKubernetesResource unscheduled = parse("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "s4"}, "spec": {},
                 "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
                """);
        GenericKubernetesResource oddNode = parse("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "s5"}, "spec": {"nodeName": 5},
                 "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
                """);
        assertThat(ReadySpeakers.nodesOfReady(List.of(ready, notReady, deleting, unscheduled, oddNode)))
                .containsExactly("n1");
    }
}
