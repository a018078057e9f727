package io.metallb.k8s;

import static io.metallb.k8s.Fixtures.NS;
import static io.metallb.k8s.Fixtures.apply;
import static io.metallb.k8s.Fixtures.await;
import static io.metallb.k8s.Fixtures.create;
import static io.metallb.k8s.Fixtures.ips;
import static io.metallb.k8s.Fixtures.lb;
import static io.metallb.k8s.Fixtures.pool;
import static io.metallb.k8s.Fixtures.poolAnnotation;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesControllerTest {

    KubernetesMockServer server;
    KubernetesClient client;
    private final List<KubernetesController> controllers = new ArrayList<>();

    @AfterEach
    void stop() {
        controllers.forEach(KubernetesController::close);
    }

    private KubernetesController startController(Optional<String> lbClass) throws Exception {
        KubernetesController c = new KubernetesController(client,
                new KubernetesController.Options(NS, lbClass));
        controllers.add(c);
        c.start(20, TimeUnit.SECONDS);
        return c;
    }

    private List<Event> events(String reason) {
        return client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    @Test
    void poolAndServicesGetAddressesInStatusWithPoolAnnotationAndEvent() throws Exception {
        apply(client, pool("prod", "198.51.100.0/30"));
        create(client, lb("default", "web", "10.96.0.10"));
        create(client, lb("default", "api", "10.96.0.11"));
        startController(Optional.empty());

        await("both services get an address", () -> ips(client, "default", "web").size() == 1
                && ips(client, "default", "api").size() == 1);
        assertThat(List.of(ips(client, "default", "api").get(0), ips(client, "default", "web").get(0)))
                .containsExactly("198.51.100.0", "198.51.100.1");
        await("pool annotation", () -> "prod".equals(poolAnnotation(client, "default", "web")));
        await("IPAllocated events", () -> events("IPAllocated").size() == 2);
        assertThat(events("IPAllocated")).extracting(Event::getMessage)
                .contains("Assigned IP [\"198.51.100.1\"]");
    }

    @Test
    void resyncOfUnchangedServicesMakesNoWriteRequest() throws Exception {
        apply(client, pool("prod", "198.51.100.0/24"));
        for (int i = 0; i < 5; i++) {
            create(client, lb("default", "s" + i, "10.96.0." + (10 + i)));
        }
        KubernetesController c = startController(Optional.empty());
        await("all assigned", () -> client.services().inNamespace("default").list().getItems().stream()
                .allMatch(s -> !ServiceWriter.ingressIps(s).isEmpty() && s.getMetadata().getAnnotations() != null
                        && s.getMetadata().getAnnotations().containsKey(ServiceWriter.POOL_ANNOTATION)));
        await("informer caught up", () -> { // status and annotation are both seen, so nothing is left to write
            long before = c.reconciled();
            c.resync();
            await("resync done", () -> c.reconciled() >= before + 5);
            return true;
        });
        long writes = c.writes();
        int requestsBefore = server.getRequestCount();
        long reconciled = c.reconciled();
        c.resync();
        await("second resync done", () -> c.reconciled() >= reconciled + 5);
        assertThat(c.writes()).isEqualTo(writes);
        assertThat(server.getRequestCount()).isEqualTo(requestsBefore);
    }
}
