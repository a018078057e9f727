package io.metallb.distribution.command;

import static io.metallb.distribution.command.MetallbProcess.await;
import static io.metallb.distribution.command.MockCluster.lb;
import static io.metallb.distribution.command.MockCluster.object;
import static io.metallb.distribution.command.MockCluster.pool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.metallb.distribution.health.HttpCall;
import io.metallb.distribution.metrics.Exposition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code metallb controller} and {@code metallb speaker} as a user runs them: the packaged command in its own JVM
 * on the module path, pointed by {@code --kubeconfig} at fabric8's mock API server (CRUD mode), operations on an
 * ephemeral port, JSON logs. Asserts what a scrape and the logs show, and the exit code after SIGTERM. The mock is
 * reached as a real API server is, through {@link StreamingApiServer} (HTTP/2, watches as HTTP streams); with
 * {@code --websocket-watches}, directly.
 */
@EnableKubernetesMockClient(crud = true)
class OperationsIT {

    static final String NS = MockCluster.NS;

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    StreamingApiServer front;

    @BeforeEach
    void front() {
        front = StreamingApiServer.of(server);
    }

    @AfterEach
    void closeFront() {
        front.close();
    }

    @Test
    void controllerAssignsReportsMetricsAndKeepsTheLastGoodConfigWhenOneIsRefused() throws Exception {
        apply(pool("prod", "198.51.100.0/30"));
        create(lb("default", "web", "10.96.0.10"));
        try (MetallbProcess metallb = MetallbProcess.start(List.of(), "controller", "--kubeconfig", kubeconfig(),
                "--namespace", NS, "--metrics-port", "0", "--host", "127.0.0.1", "--log-format", "json",
                "--pod-name", "controller-a")) {
            await("web gets an address", () -> ips("web").size() == 1);
            assertThat(ips("web")).containsExactly("198.51.100.0");
            await("the pool's usage is scraped", () -> scrape(metallb).value(
                    "metallb_allocator_addresses_in_use_total", Map.of("pool", "prod")).equals(Optional.of(1.0)));
            Exposition e = scrape(metallb);
            assertThat(e.types()).containsEntry("metallb_allocator_addresses_in_use_total", "gauge")
                    .containsEntry("metallb_allocator_addresses_total", "gauge")
                    .containsEntry("metallb_k8s_client_config_loaded_bool", "gauge")
                    .containsEntry("metallb_k8s_client_config_stale_bool", "gauge")
                    .containsEntry("metallb_k8s_client_updates_total", "counter");
            assertThat(e.value("metallb_allocator_addresses_total", Map.of("pool", "prod"))).contains(4.0);
            assertThat(e.value("metallb_k8s_client_config_loaded_bool", Map.of())).contains(1.0);
            assertThat(e.value("metallb_k8s_client_config_stale_bool", Map.of())).contains(0.0);
            assertThat(e.value("metallb_k8s_client_updates_total", Map.of()).orElseThrow()).isPositive();
            assertThat(metallb.get("/readyz").status()).isEqualTo(200);
            assertThat(metallb.get("/healthz").status()).isEqualTo(200);

            apply(pool("typo", "198.51.100.300/24"));
            await("a refused config shows as stale", () -> scrape(metallb).value(
                    "metallb_k8s_client_config_stale_bool", Map.of()).equals(Optional.of(1.0)));
            assertThat(scrape(metallb).value("metallb_k8s_client_config_loaded_bool", Map.of())).contains(1.0);
            await("the refusal is logged as an error naming object and field", () -> metallb.logs().stream()
                    .anyMatch(l -> "error".equals(l.path("level").asText())
                            && l.path("msg").asText().contains("IPAddressPool \"typo\"")
                            && l.path("msg").asText().contains("spec.addresses[0]")));
            create(lb("default", "api", "10.96.0.11"));
            await("api gets an address from the last good config", () -> ips("api").size() == 1);
            assertThat(ips("api")).containsExactly("198.51.100.1");
            await("two addresses in use", () -> scrape(metallb).value(
                    "metallb_allocator_addresses_in_use_total", Map.of("pool", "prod")).equals(Optional.of(2.0)));
            assertThat(metallb.get("/readyz").status()).isEqualTo(200);

            assertThat(front.watches()).as("watches served as HTTP streams").isPositive();
            // Its first informer lists alone: every later list and watch is a stream of that one connection.
            assertThat(front.connections()).as("connections to the API server: %s", front).isEqualTo(1);
            assertThat(metallb.stop()).as("exit code after SIGTERM").isZero();
            assertThat(metallb.logged("controller stopped")).as(metallb.logs().toString()).isTrue();
            assertJsonLogs(metallb);
        }
    }

    @ParameterizedTest(name = "websocket watches: {0}")
    @ValueSource(booleans = {false, true})
    void speakerAnnouncesWithTheInstalledAnnouncerAndWithdrawsOnSigterm(boolean websocketWatches) throws Exception {
        String ip = "198.51.100.5";
        MockCluster.nodeWithReadySpeaker(client, "n1");
        apply(pool("prod", "198.51.100.0/28"));
        apply(object("L2Advertisement", "l2", Map.of()));
        Service web = create(lb("default", "web", "10.96.0.10"));
        client.services().inNamespace("default").resource(new ServiceBuilder(web).editOrNewStatus()
                .withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer().endStatus()
                .build()).updateStatus();
        client.discovery().v1().endpointSlices().inNamespace("default").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("web-1").addToLabels("kubernetes.io/service-name", "web").endMetadata()
                .withAddressType("IPv4").addNewEndpoint().withAddresses("10.244.0.7").withNodeName("n1")
                .withNewConditions().withReady(true).endConditions().endEndpoint().build()).create();

        List<String> arguments = new ArrayList<>(List.of("speaker", "--namespace", NS, "--node-name", "n1",
                "--announcer", "layer2=recording", "--metrics-port", "0", "--host", "127.0.0.1", "--log-format",
                "json", "--kubeconfig"));
        arguments.addAll(websocketWatches ? List.of(MockCluster.kubeconfig(client, dir), "--websocket-watches")
                : List.of(kubeconfig()));
        try (MetallbProcess metallb = MetallbProcess.start(List.of("metallb.testAnnouncer"),
                arguments.toArray(String[]::new))) {
            Map<String, String> series = Map.of("service", "default/web", "protocol", "layer2", "node", "n1",
                    "ip", ip);
            await("the announcement is scraped", () -> scrape(metallb).value("metallb_speaker_announced", series)
                    .equals(Optional.of(1.0)));
            Exposition e = scrape(metallb);
            assertThat(e.types()).containsEntry("metallb_speaker_announced", "gauge");
            assertThat(e.samples("metallb_speaker_announced")).hasSize(1);
            assertThat(e.value("metallb_k8s_client_config_loaded_bool", Map.of())).contains(1.0);
            assertThat(metallb.get("/readyz").status()).isEqualTo(200);

            // The service goes away: the series goes with it.
            client.services().inNamespace("default").withName("web").delete();
            await("the withdrawn announcement leaves the scrape", () -> scrape(metallb)
                    .samples("metallb_speaker_announced").isEmpty());

            assertThat(front.watches()).as("watches served as HTTP streams: %s", front)
                    .matches(n -> websocketWatches ? n == 0 : n > 0);
            if (!websocketWatches) {
                // Every list and watch a stream of one HTTP/2 connection, as with a real API server.
                assertThat(front.http2Requests()).as("%s", front).isEqualTo(front.requests());
                assertThat(front.connections()).as("connections to the API server: %s", front).isEqualTo(1);
            }
            assertThat(metallb.stop()).as("exit code after SIGTERM").isZero();
            assertThat(metallb.logged("SIGTERM: withdrawing every announcement")).isTrue();
            assertThat(metallb.logged("speaker stopped")).isTrue();
            assertJsonLogs(metallb);
        }
    }

    @Test
    void speakerWithoutANodeNameIsAUsageError() throws Exception {
        try (MetallbProcess metallb = MetallbProcess.start(List.of(), "speaker", "--kubeconfig", kubeconfig())) {
            assertThat(metallb.waitForExit()).isEqualTo(2);
        }
    }

    /** Every stdout line was one JSON object with the fields of the format. */
    private static void assertJsonLogs(MetallbProcess metallb) {
        assertThat(metallb.notJson()).as("stdout lines that are not JSON").isEmpty();
        assertThat(metallb.logs()).isNotEmpty();
        for (JsonNode line : metallb.logs()) {
            assertThat(line.isObject()).isTrue();
            assertThat(line.path("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(line.path("level").asText()).isIn("debug", "info", "warn", "error");
            assertThat(line.path("logger").asText()).isNotBlank();
            assertThat(line.has("msg")).isTrue();
        }
    }

    private Exposition scrape(MetallbProcess metallb) {
        HttpCall response = metallb.get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain; version=0.0.4");
        return Exposition.parse(response.body());
    }

    /** A kubeconfig for the mock through {@link #front}. */
    private String kubeconfig() throws IOException {
        return MockCluster.kubeconfig(front.url(), dir);
    }

    private List<String> ips(String name) {
        return MockCluster.ingressIps(client, "default", name);
    }

    private void apply(GenericKubernetesResource object) {
        MockCluster.apply(client, object);
    }

    private Service create(ServiceBuilder service) {
        Service s = service.build();
        return client.services().inNamespace(s.getMetadata().getNamespace()).resource(s).create();
    }
}
