package io.metallb.distribution.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.distribution.metrics.MetalLbMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OperationsServerTest {

    private static HttpCall call(OperationsServer server, String method, String path) {
        InetSocketAddress a = server.address();
        return HttpCall.of(method, URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + path));
    }

    @Test
    void healthReadinessAndMetricsOnOneEphemeralPort() throws IOException {
        AtomicBoolean ready = new AtomicBoolean();
        MetalLbMetrics metrics = new MetalLbMetrics();
        try (OperationsServer server = OperationsServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics, ready::get)) {
            assertThat(server.address().getPort()).isPositive();
            assertThat(call(server, "GET", "/healthz").status()).isEqualTo(200);
            assertThat(call(server, "GET", "/readyz").status()).isEqualTo(503);
            ready.set(true);
            assertThat(call(server, "GET", "/readyz").status()).isEqualTo(200);

            HttpCall scrape = call(server, "GET", "/metrics");
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body()).contains("# TYPE metallb_k8s_client_config_loaded_bool gauge\n");

            assertThat(call(server, "GET", "/metricsz").status()).isEqualTo(404);
            assertThat(call(server, "GET", "/").status()).isEqualTo(404);
            assertThat(call(server, "POST", "/readyz").status()).isEqualTo(405);
        }
    }
}
