package io.metallb.k8s;

import static io.metallb.k8s.Fixtures.NS;
import static io.metallb.k8s.Fixtures.apply;
import static io.metallb.k8s.Fixtures.create;
import static io.metallb.k8s.Fixtures.lb;
import static io.metallb.k8s.Fixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.config.Config;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.net.IpAddress;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.AllocatorProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterSnapshot} on fabric8's mock API server (CRUD mode): the config chosen as the controller chooses
 * it, the live nodes as {@link ReadySpeakers} selects them, status restored as the controller restores it, and the
 * layer 2 owner {@link AnnouncementPlan} elects. That it only reads is checked through {@code metallb explain}.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterSnapshotTest {

    private static final Map<String, String> SPEAKERS = Map.of("app", "metallb", "component", "speaker");
    private static final ServiceKey A = new ServiceKey("default", "a");

    KubernetesClient client;

    @Test
    void readsTheLegacyConfigTheReadySpeakersAndRestoresStatusAsTheControllerDoes() throws Exception {
        legacyConfigMap();
        for (String n : List.of("n1", "n2")) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(n).endMetadata().build()).create();
        }
        speakerPod("n1", SPEAKERS);
        speakerPod("n2", Map.of("app", "something-else")); // Ready, but not a speaker: n2 is not live
        withStatus(create(client, lb("default", "a", "10.96.0.10")), "203.0.113.8");
        withStatus(create(client, lb("default", "b", "10.96.0.11")), "203.0.113.8"); // the same address: refused
        client.discovery().v1().endpointSlices().inNamespace("default").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("a-1").addToLabels(ClusterObjects.SERVICE_NAME_LABEL, "a").endMetadata()
                .withAddressType("IPv4").addNewEndpoint().withAddresses("10.244.0.7").withNodeName("n2")
                .withNewConditions().withReady(true).endConditions().endEndpoint().build()).create();
        ClusterSnapshot snapshot = ClusterSnapshot.read(client, NS, A, SPEAKERS);

        assertThat(snapshot.configWarning()).isEmpty();
        Config config = ((ConfigResult.Valid) snapshot.config()).config();
        assertThat(config.pools()).containsOnlyKeys("legacy");
        assertThat(snapshot.service()).hasValueSatisfying(s -> assertThat(s.key()).isEqualTo(A));
        assertThat(snapshot.loadBalancers()).containsOnlyKeys(A, new ServiceKey("default", "b"));
        assertThat(snapshot.liveNodes()).containsExactly("n1");
        assertThat(snapshot.nodes()).containsOnlyKeys("n1", "n2");
        assertThat(snapshot.endpoints()).hasSize(1);

        Allocator allocator = ServiceLoader.load(AllocatorProvider.class).findFirst().orElseThrow().create();
        allocator.setConfig(config);
        assertThat(snapshot.restore(allocator, Optional.empty())).containsOnlyKeys(new ServiceKey("default", "b"));
        assertThat(allocator.assignment(A)).hasValueSatisfying(a -> assertThat(a.ips())
                .containsExactly(IpAddress.parse("203.0.113.8")));

        List<IpAddress> ips = List.of(IpAddress.parse("203.0.113.8"));
        ClusterSnapshot.Announcing announcing = snapshot.announcing(config, ips, Optional.empty());
        AnnouncementPlan plan = AnnouncementPlan.compute(config, "n1", Map.of(A, snapshot.service().get()
                .withIngress(ips)), Map.of(A, snapshot.endpoints()), snapshot.nodes(), Set.of("n1"), Optional.empty());
        assertThat(announcing.layer2Owner()).contains("n1").contains(plan.l2Owners().get(A));
        assertThat(announcing.byProtocol()).containsOnlyKeys(AnnouncementPlan.LAYER2);
        assertThat(announcing.byProtocol().get(AnnouncementPlan.LAYER2)).containsOnlyKeys("n1");
    }

    @Test
    void theMetallbObjectsWinOverTheLegacyConfigMapWithTheControllersWarning() {
        legacyConfigMap();
        apply(client, pool("prod", "198.51.100.0/30"));
        create(client, lb("default", "a", "10.96.0.10"));

        ClusterSnapshot snapshot = ClusterSnapshot.read(client, NS, A, SPEAKERS);

        assertThat(((ConfigResult.Valid) snapshot.config()).config().pools()).containsOnlyKeys("prod");
        assertThat(snapshot.configWarning()).hasValueSatisfying(w -> assertThat(w)
                .contains("the metallb.io objects win"));
        assertThat(snapshot.liveNodes()).isEmpty();
        assertThat(ClusterSnapshot.read(client, NS, new ServiceKey("default", "absent"), SPEAKERS).service())
                .isEmpty();
    }

    private void legacyConfigMap() {
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("config")
                .withNamespace(NS).endMetadata().addToData("config", """
                        address-pools:
                        - name: legacy
                          protocol: layer2
                          addresses:
                          - 203.0.113.8/29
                        """).build()).create();
    }

    private void speakerPod(String node, Map<String, String> labels) {
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("speaker-" + node)
                .withNamespace(NS).withLabels(labels).endMetadata().withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
    }

    private void withStatus(Service s, String ip) {
        client.services().inNamespace(s.getMetadata().getNamespace()).resource(new ServiceBuilder(s)
                .editOrNewStatus().withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer()
                .endStatus().build()).updateStatus();
    }
}
