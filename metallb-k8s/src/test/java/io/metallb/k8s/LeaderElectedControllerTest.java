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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LeaderElectedControllerTest {

    KubernetesClient client;

    private static final LeaderElectedController.Timings FAST = new LeaderElectedController.Timings(
            Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(200));

    @Test
    void oneOfTwoLeadsAndATakeoverKeepsEveryAddress() {
        apply(client, pool("prod", "198.51.100.0/28"));
        for (int i = 0; i < 4; i++) {
            create(client, lb("default", "s" + i, "10.96.0." + (10 + i)));
        }
        KubernetesController.Options options = new KubernetesController.Options(NS, Optional.empty());
        LeaderElectedController a = new LeaderElectedController(client, options, "a", FAST);
        LeaderElectedController b = new LeaderElectedController(client, options, "b", FAST);
        try {
            a.start();
            b.start();
            await("a leader", () -> a.isLeading() || b.isLeading());
            LeaderElectedController leader = a.isLeading() ? a : b;
            LeaderElectedController standby = leader == a ? b : a;
            await("all assigned", () -> assignments().values().stream().allMatch(l -> l.size() == 1));
            assertThat(standby.isLeading()).isFalse();
            Map<String, List<String>> before = assignments();
            assertThat(new java.util.HashSet<>(before.values())).hasSize(4);

            leader.close();
            await("the standby takes over", standby::isLeading);
            create(client, lb("default", "after", "10.96.0.99"));
            await("after assigned by the new leader", () -> ips(client, "default", "after").size() == 1);
            Map<String, List<String>> after = assignments();
            assertThat(after).containsAllEntriesOf(before);
            assertThat(new ArrayList<>(before.values())).doesNotContain(after.get("after"));
            // Only the new service's status and annotation: the restored ones cost nothing.
            await("the new leader's writes", () -> standby.active().writes() >= 2);
            assertThat(standby.active().writes()).isEqualTo(2);
        } finally {
            a.close();
            b.close();
        }
    }

    private Map<String, List<String>> assignments() {
        Map<String, List<String>> m = new TreeMap<>();
        client.services().inNamespace("default").list().getItems()
                .forEach(s -> m.put(s.getMetadata().getName(), ServiceWriter.ingressIps(s)));
        return m;
    }
}
