package io.metallb.distribution.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.metallb.k8s.KubernetesClients;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The front the distribution's tests reach the mock API server through: fabric8's informers, started all at once
 * with HTTP watches over the lean client (as the speaker's), list and watch over HTTP/2 only, and see every
 * change made after their lists, including a non-ASCII annotation, verifying the front's certificate against the
 * mock's CA file.
 */
@EnableKubernetesMockClient(crud = true)
class StreamingApiServerTest {

    static final String NOTE = "caf\u00e9 \ud83d\ude00";

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void informersListAndWatchOverHttp2AndSeeEveryChange() throws Exception {
        try (StreamingApiServer front = StreamingApiServer.of(server)) {
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl(front.url())
                    .withCaCertFile(server.getSelfSignedCertificate().certificatePath()).withOnlyHttpWatches(true)
                    .build();
            try (KubernetesClient lean = KubernetesClients.client(config)) {
                SharedIndexInformer<Service> services = lean.services().inAnyNamespace().runnableInformer(0);
                List<SharedIndexInformer<?>> all = List.of(services, lean.nodes().runnableInformer(0),
                        lean.secrets().inAnyNamespace().runnableInformer(0),
                        lean.configMaps().inAnyNamespace().runnableInformer(0),
                        lean.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0));
                try {
                    all.forEach(SharedIndexInformer::start);
                    MetallbProcess.await("lists in", () -> all.stream().allMatch(SharedIndexInformer::hasSynced));
                    for (int i = 0; i < 20; i++) {
                        client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata()
                                .withName("s" + i).addToAnnotations("note", NOTE).endMetadata().build()).create();
                    }
                    MetallbProcess.await("20 services watched", () -> services.getStore().list().size() == 20);
                    assertThat(services.getStore().list()).extracting(s -> s.getMetadata().getAnnotations())
                            .allMatch(annotations -> Objects.equals(annotations, Map.of("note", NOTE)));
                    assertThat(front.watches()).as("%s", front).isEqualTo(all.size());
                    assertThat(front.http2Requests()).as("%s", front).isEqualTo(front.requests());
                } finally {
                    all.forEach(SharedIndexInformer::close);
                }
            }
        }
    }
}
