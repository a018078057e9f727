package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A compacted object is the same object (equal, same JSON) with immutable, exactly sized maps and lists and
 * interned strings.
 */
class CompactorTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @Test
    void aServiceAsReadFromJsonStaysEqualAndItsEmptyMapsAndListsAreShared() {
        Service read = JSON.unmarshal(JSON.asJson(service()), Service.class);
        String before = JSON.asJson(read);
        Service copy = JSON.unmarshal(before, Service.class);

        Compactor.compact(read);

        assertThat(read).isEqualTo(copy);
        assertThat(JSON.asJson(read)).isEqualTo(before);
        assertThat(read.getAdditionalProperties()).isSameAs(Map.of());
        assertThat(read.getMetadata().getAdditionalProperties()).isSameAs(Map.of());
        assertThat(read.getSpec().getAdditionalProperties()).isSameAs(Map.of());
        assertThat(read.getSpec().getPorts().get(0).getAdditionalProperties()).isSameAs(Map.of());
        assertThat(read.getStatus().getLoadBalancer().getIngress().get(0).getAdditionalProperties())
                .isSameAs(Map.of());
        assertThat(read.getSpec().getExternalIPs()).isSameAs(List.of());
        assertThat(read.getMetadata().getFinalizers()).isSameAs(List.of());
        // Kept, immutable: nothing may change a cached object.
        assertThat(read.getMetadata().getAnnotations()).containsEntry("metallb.io/loadBalancerIPs", "198.51.100.7");
        assertThatThrownBy(() -> read.getMetadata().getAnnotations().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> read.getSpec().getPorts().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(read.getSpec().getIpFamilies()).containsExactly("IPv4", "IPv6");
        // Strings are the JVM's canonical copies (literals are interned): shared by every cached object.
        assertThat(read.getSpec().getType()).isSameAs("LoadBalancer");
        assertThat(read.getSpec().getIpFamilies().get(1)).isSameAs("IPv6");
        assertThat(read.getSpec().getPorts().get(0).getProtocol()).isSameAs("TCP");
        assertThat(read.getMetadata().getNamespace()).isSameAs("a");
        assertThat(read.getMetadata().getAnnotations().keySet()).first().isSameAs("metallb.io/loadBalancerIPs");
    }

    @Test
    void anEndpointSliceKeepsItsEndpointsAndNullConditions() {
        EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withName("s-1").withNamespace("a")
                .addToLabels(ClusterObjects.SERVICE_NAME_LABEL, "s").endMetadata().withAddressType("IPv6")
                .addNewEndpoint().withAddresses("2001:db8::10").withNodeName("n1").withNewConditions()
                .withReady(true).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("2001:db8::11").withNodeName("n2").endEndpoint().build();
        EndpointSlice read = JSON.unmarshal(JSON.asJson(slice), EndpointSlice.class);
        EndpointSlice copy = JSON.unmarshal(JSON.asJson(slice), EndpointSlice.class);

        Compactor.compact(read);

        assertThat(read).isEqualTo(copy);
        assertThat(read.getEndpoints()).hasSize(2);
        assertThat(read.getEndpoints().get(1).getConditions()).isNull();
        assertThat(ClusterObjects.endpoints(List.of(read))).isEqualTo(ClusterObjects.endpoints(List.of(copy)));
    }

    @Test
    void aGenericResourceHasItsNestedMapsAndListsCompactedToo() {
        String pod = """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "speaker-1", "namespace": "metallb-system",
                 "labels": {"app": "metallb"}, "finalizers": []},
                 "spec": {"nodeName": "n1", "tolerations": []},
                 "status": {"conditions": [{"type": "Ready", "status": "True"}, null]}}""";
        GenericKubernetesResource read = JSON.unmarshal(pod, GenericKubernetesResource.class);
        GenericKubernetesResource copy = JSON.unmarshal(pod, GenericKubernetesResource.class);

        Compactor.compact(read);

        assertThat(read).isEqualTo(copy);
        assertThat(JSON.asJson(read)).isEqualTo(JSON.asJson(copy));
        assertThat(ClusterObjects.hasCondition(read, "Ready")).isTrue();
        Map<?, ?> spec = (Map<?, ?>) read.getAdditionalProperties().get("spec");
        assertThat(spec.get("tolerations")).isSameAs(List.of());
        assertThatThrownBy(() -> read.getAdditionalProperties().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static Service service() {
        return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("a").withUid("u-1")
                .addToAnnotations("metallb.io/loadBalancerIPs", "198.51.100.7").endMetadata()
                .withNewSpec().withType("LoadBalancer").withIpFamilies("IPv4", "IPv6")
                .addNewPort().withName("http").withPort(80).withNewTargetPort(8080).withProtocol("TCP").endPort()
                .endSpec().withNewStatus().withNewLoadBalancer().addNewIngress().withIp("198.51.100.7")
                .endIngress().endLoadBalancer().endStatus().build();
    }
}
