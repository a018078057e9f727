package io.metallb.k8s;

import static io.metallb.k8s.Fixtures.NS;
import static io.metallb.k8s.Fixtures.apply;
import static io.metallb.k8s.Fixtures.await;
import static io.metallb.k8s.Fixtures.create;
import static io.metallb.k8s.Fixtures.ips;
import static io.metallb.k8s.Fixtures.lb;
import static io.metallb.k8s.Fixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.PoolUsage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The controller and the speaker report to their {@link Metrics}: config validity, pool usage, announcements. */
@EnableKubernetesMockClient(crud = true)
class MetricsHookTest {

    KubernetesClient client;

    static final class Recorded implements Metrics {
        final List<Boolean> configs = new CopyOnWriteArrayList<>();
        final Map<String, PoolUsage> pools = new ConcurrentHashMap<>();
        final Map<String, Set<Announcement>> announced = new ConcurrentHashMap<>();
        volatile long updates;

        @Override
        public void config(boolean valid) {
            configs.add(valid);
        }

        @Override
        public void update(boolean failed) {
            updates++;
        }

        @Override
        public void poolUsage(List<PoolUsage> usage) {
            pools.clear();
            usage.forEach(u -> pools.put(u.pool(), u));
        }

        @Override
        public void announced(String node, String protocol, Set<Announcement> announcements) {
            announced.put(node + " " + protocol, Set.copyOf(announcements));
        }
    }

    @Test
    void theControllerReportsConfigValidityAndPoolUsage() throws Exception {
        apply(client, pool("prod", "198.51.100.0/30"));
        create(client, lb("default", "web", "10.96.0.10"));
        Recorded metrics = new Recorded();
        try (KubernetesController c = new KubernetesController(client,
                new KubernetesController.Options(NS, Optional.empty()), metrics)) {
            c.start(20, java.util.concurrent.TimeUnit.SECONDS);
            await("web assigned", () -> ips(client, "default", "web").size() == 1);
            await("usage reported", () -> metrics.pools.containsKey("prod")
                    && metrics.pools.get("prod").v4InUse() == 1);
            assertThat(metrics.pools.get("prod").v4Total()).isEqualTo(4);
            assertThat(metrics.configs).first().isEqualTo(true);
            assertThat(c.isReady()).isTrue();
            assertThat(metrics.updates).isPositive();

            apply(client, pool("typo", "198.51.100.300/24"));
            await("the refused config reported", () -> metrics.configs.contains(false));
        }
    }

    @Test
    void theSpeakerReportsTheSetItHandsEachAnnouncer() throws Exception {
        String ip = "198.51.100.5";
        Fixtures.speakerCluster(client, ip);
        apply(client, Fixtures.object("L2Advertisement", "l2", Map.of()));
        Recorded metrics = new Recorded();
        String node = io.metallb.api.node.L2Election.owner(io.metallb.api.net.IpAddress.parse(ip),
                Set.of("n1", "n2", "n3")).orElseThrow();
        try (KubernetesSpeaker s = KubernetesSpeaker.withInstalledAnnouncers(client, new KubernetesSpeaker.Options(
                NS, node, Optional.empty(), Map.of("layer2", io.metallb.testannouncer.Recordings.PROTOCOL)),
                Optional.empty(), metrics)) {
            assertThat(s.isStarted()).isFalse();
            s.start(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(s.isStarted()).isTrue();
            await("layer2 set reported", () -> metrics.announced.getOrDefault(node + " layer2", Set.of()).stream()
                    .anyMatch(a -> a.address().toString().equals(ip)));
        }
        assertThat(metrics.announced.get(node + " layer2")).as("closing withdraws: an empty set").isEmpty();
    }
}
