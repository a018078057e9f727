package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.metallb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * How many requests the writer makes, against a mock server in expectations mode that answers /status either as
 * a Kubernetes API server does for Services (metadata changes kept) or as a CRD status endpoint does (dropped).
 * The CRUD-mode tests cover the second case end to end.
 */
@EnableKubernetesMockClient
class ServiceWriterTest {

    private static final String PATH = "/api/v1/namespaces/default/services/web";

    KubernetesMockServer server;
    KubernetesClient client;

    private static Service cached() {
        return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("default")
                .withResourceVersion("7").endMetadata().withNewSpec().withType("LoadBalancer").endSpec().build();
    }

    private List<RecordedRequest> requests(int n) throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(server.takeRequest());
        }
        return out;
    }

    @Test
    void oneRequestWhenTheServerKeepsTheAnnotationSentWithTheStatus() throws InterruptedException {
        AtomicReference<String> body = new AtomicReference<>();
        server.expect().put().withPath(PATH + "/status").andReply(200, r -> {
            body.set(r.getUtf8Body()); // the reply echoes the request: the server kept every change
            return body.get();
        }).once();

        int writes = new ServiceWriter(client).write(cached(), List.of(IpAddress.parse("198.51.100.1")), "prod");

        assertThat(writes).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(requests(1).get(0).getMethod()).isEqualTo("PUT");
        assertThat(body.get()).contains("\"metallb.io/ip-allocated-from-pool\":\"prod\"").contains("198.51.100.1");
    }

    @Test
    void aPatchFollowsWhenTheServerDroppedTheAnnotation() throws InterruptedException {
        server.expect().put().withPath(PATH + "/status").andReturn(200, new ServiceBuilder(cached())
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("198.51.100.1").endIngress()
                .endLoadBalancer().endStatus().build()).once();
        server.expect().patch().withPath(PATH).andReturn(200, cached()).once();

        int writes = new ServiceWriter(client).write(cached(), List.of(IpAddress.parse("198.51.100.1")), "prod");

        assertThat(writes).isEqualTo(2);
        List<RecordedRequest> sent = requests(2);
        assertThat(sent.get(1).getMethod()).isEqualTo("PATCH");
        assertThat(sent.get(1).getUtf8Body()).contains("\"metallb.io/ip-allocated-from-pool\":\"prod\"");
    }

    @Test
    void nothingIsSentWhenNothingDiffers() {
        Service done = new ServiceBuilder(cached()).editMetadata()
                .addToAnnotations(ServiceWriter.POOL_ANNOTATION, "prod").endMetadata().withNewStatus()
                .withNewLoadBalancer().addNewIngress().withIp("198.51.100.1").endIngress().endLoadBalancer()
                .endStatus().build();

        assertThat(new ServiceWriter(client).write(done, List.of(IpAddress.parse("198.51.100.1")), "prod")).isZero();
        assertThat(server.getRequestCount()).isZero();
    }
}
