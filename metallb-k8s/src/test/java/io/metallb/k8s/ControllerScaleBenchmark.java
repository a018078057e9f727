package io.metallb.k8s;

import static io.metallb.k8s.Fixtures.NS;
import static io.metallb.k8s.Fixtures.apply;
import static io.metallb.k8s.Fixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * End-to-end controller benchmark against the CRUD mock API server: N LoadBalancer Services exist, the controller
 * starts; how long until every one has its address and pool annotation, and how many API requests per service
 * did that take, by kind. Then a resync, which must cost no request. Run with
 * {@code mvn -pl metallb-k8s verify -Dtest=ControllerScaleBenchmark -Dmetallb.benchmark=true
 * [-Dmetallb.benchmark.services=10000]}; prints one line of figures.
 */
@EnableKubernetesMockClient(crud = true)
@EnabledIfSystemProperty(named = "metallb.benchmark", matches = "true")
class ControllerScaleBenchmark {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void servicesGetAddressesWithOneStatusWriteEachAndAResyncCostsNothing() throws Exception {
        int n = Integer.getInteger("metallb.benchmark.services", 10_000);
        apply(client, pool("bench", "10.100.0.0/16"));
        Instant creating = Instant.now();
        for (int i = 0; i < n; i++) {
            client.services().inNamespace("default").resource(Fixtures.lb("default", "svc-" + i,
                    "10.96." + (i / 250) + "." + (i % 250 + 1)).build()).create();
        }
        Duration creation = Duration.between(creating, Instant.now());
        drain();
        try (KubernetesController c = new KubernetesController(client,
                new KubernetesController.Options(NS, Optional.empty()))) {
            Instant start = Instant.now();
            c.start(120, TimeUnit.SECONDS);
            waitFor(() -> c.writes() >= 2L * n);
            Duration took = Duration.between(start, Instant.now());
            long assigned = client.services().inNamespace("default").list().getItems().stream()
                    .filter(s -> ServiceWriter.ingressIps(s).size() == 1).count();
            assertThat(assigned).isEqualTo(n);
            Map<String, Integer> byKind = drain();

            long reconciled = c.reconciled();
            c.resync();
            waitFor(() -> c.reconciled() >= reconciled + n);
            Map<String, Integer> resync = drain();

            StringBuilder perService = new StringBuilder();
            byKind.forEach((k, v) -> perService.append(String.format(" %s %.3f;", k, v / (double) n)));
            System.out.printf("(creating them took %.1f s) ", creation.toMillis() / 1000.0);
            System.out.printf("k8s controller: %d services assigned in %.1f s (%.0f services/s); requests per "
                    + "service:%s resync of %d services: %d requests %s%n", n, took.toMillis() / 1000.0,
                    n * 1000.0 / Math.max(1, took.toMillis()), perService, n,
                    resync.values().stream().mapToInt(Integer::intValue).sum(), resync);
            assertThat(resync).isEmpty();
        }
    }

    /** Takes every request the mock recorded so far, counted by method and resource. */
    private Map<String, Integer> drain() throws InterruptedException {
        Map<String, Integer> counts = new TreeMap<>();
        RecordedRequest r;
        while ((r = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
            String path = r.getPath().replaceAll("\\?.*", "");
            String kind = path.contains("/events") ? "event" : path.endsWith("/status")
                    ? path.replaceAll(".*/(\\w+)/[^/]+/status$", "$1/status")
                    : path.replaceAll(".*/(\\w+)(/[^/]+)?$", "$1");
            counts.merge(r.getMethod() + " " + kind + (r.getPath().contains("watch=true") ? " (watch)" : ""), 1,
                    Integer::sum);
        }
        return counts;
    }

    private static void waitFor(BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("deadline").isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
