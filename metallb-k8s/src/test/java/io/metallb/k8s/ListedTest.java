package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Listed} against a mock server in expectations mode, which answers only what a test expects: a list that
 * succeeds followed by a watch that cannot open (every other request is a 404), and a list that fails.
 */
@EnableKubernetesMockClient
class ListedTest {

    private static final String LIST = "/api/v1/namespaces/ns/configmaps?resourceVersion=0";

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void listedWhenTheCacheHoldsTheListAndAWatchThatCannotOpenIsReportedAfter() throws Exception {
        server.expect().get().withPath(LIST).andReturn(200, new ConfigMapListBuilder().withNewMetadata()
                .withResourceVersion("5").endMetadata().addToItems(new ConfigMapBuilder().withNewMetadata()
                        .withName("config").withNamespace("ns").withResourceVersion("5").endMetadata()
                        .addToData("config", "x").build()).build()).always();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("ns").runnableInformer(0);
        CompletableFuture<Throwable> late = new CompletableFuture<>();
        try {
            CompletableFuture<Void> listed = Listed.start(informer, late::complete);

            listed.get(20, TimeUnit.SECONDS);
            assertThat(informer.getStore().list()).extracting(c -> c.getMetadata().getName())
                    .containsExactly("config");
            // The watch request gets a 404: fabric8's start fails and gives the informer up, after the list.
            assertThat(late.get(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(listed).isCompleted().isNotCompletedExceptionally();
        } finally {
            informer.stop();
        }
    }

    @Test
    void failsWhenTheListFailsAndReportsNothingLate() throws Exception {
        server.expect().get().withPath(LIST).andReturn(403, "forbidden").always();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("ns").runnableInformer(0);
        CompletableFuture<Throwable> late = new CompletableFuture<>();
        try {
            CompletableFuture<Void> listed = Listed.start(informer, late::complete);

            assertThatThrownBy(() -> listed.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(informer.hasSynced()).isFalse();
            assertThat(late).isNotDone();
        } finally {
            informer.stop();
        }
    }
}
