package io.metallb.k8s;

import static io.metallb.k8s.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The speaker's caches keep what it reads, compacted, and drop managedFields and kubectl's last-applied copy.
 */
@EnableKubernetesMockClient(crud = true)
class ReadOnlyStoreTest {

    KubernetesClient client;

    @Test
    void cachedObjectsLoseManagedFieldsAndTheLastAppliedCopyAndKeepTheRest() throws Exception {
        client.services().inNamespace("a").resource(service("listed", "1.2.3.4")).create();
        SharedIndexInformer<Service> informer = ReadOnlyStore.of(client.services().inAnyNamespace()
                .runnableInformer(0));
        List<Service> olds = new CopyOnWriteArrayList<>();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service s) {
            }

            @Override
            public void onUpdate(Service old, Service now) {
                olds.add(old);
            }

            @Override
            public void onDelete(Service s, boolean unknownFinalState) {
            }
        });
        try {
            informer.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
            // From the list, and from the watch.
            client.services().inNamespace("a").resource(service("watched", "5.6.7.8")).create();
            await("both cached", () -> informer.getStore().list().size() == 2);
            for (String name : List.of("a/listed", "a/watched")) {
                Service cached = informer.getStore().getByKey(name);
                assertThat(cached.getMetadata().getManagedFields()).as(name).isNullOrEmpty();
                assertThat(cached.getMetadata().getAnnotations()).as(name)
                        .doesNotContainKey(ReadOnlyStore.LAST_APPLIED)
                        .containsEntry("metallb.io/loadBalancerIPs", cached.getSpec().getClusterIP());
                assertThat(cached.getSpec().getType()).isEqualTo("LoadBalancer");
                // Compacted (Compactor): the empty map of unknown fields is the shared one.
                assertThat(cached.getSpec().getAdditionalProperties()).as(name).isSameAs(Map.of());
            }
            // An update: the old object handed over is the cached one, stripped too; the server keeps its copy.
            Service updated = client.services().inNamespace("a").withName("listed").edit(s -> new ServiceBuilder(s)
                    .editMetadata().addToLabels("x", "y").endMetadata().build());
            assertThat(updated.getMetadata().getAnnotations()).containsKey(ReadOnlyStore.LAST_APPLIED);
            await("the update seen", () -> !olds.isEmpty() && informer.getStore().getByKey("a/listed")
                    .getMetadata().getLabels() != null);
            assertThat(olds.get(0).getMetadata().getManagedFields()).isNullOrEmpty();
            assertThat(olds.get(0).getMetadata().getAnnotations()).doesNotContainKey(ReadOnlyStore.LAST_APPLIED);
            client.services().inNamespace("a").withName("watched").delete();
            await("the delete seen", () -> informer.getStore().list().size() == 1);
        } finally {
            informer.stop();
        }
    }

    private static Service service(String name, String ip) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("a")
                .addToAnnotations(ReadOnlyStore.LAST_APPLIED, "{\"kind\":\"Service\"}")
                .addToAnnotations("metallb.io/loadBalancerIPs", ip)
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl-client-side-apply")
                        .withOperation("Update").withApiVersion("v1").build())
                .endMetadata().withNewSpec().withType("LoadBalancer").withClusterIP(ip).addNewPort().withPort(80)
                .endPort().endSpec().build();
    }
}
