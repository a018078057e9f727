package io.metallb.k8s;

import static io.metallb.k8s.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The lean client: it maps only MetalLB's kinds, typed and generic watches still deliver what they should, and its
 * TLS trusts the cluster's CA alone.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesClientsTest {

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void serializationMapsOnlyTheKindsMetalLbReads() {
        KubernetesSerialization lean = KubernetesClients.serialization();
        assertThat(lean.getRegisteredKubernetesResource("v1", "Service")).isEqualTo(Service.class);
        assertThat(lean.getRegisteredKubernetesResource("discovery.k8s.io/v1", "EndpointSlice"))
                .isEqualTo(EndpointSlice.class);
        // fabric8's default finds every model kind on the path; the lean one does not look.
        assertThat(new KubernetesSerialization().getRegisteredKubernetesResource("v1", "Pod")).isEqualTo(Pod.class);
        assertThat(lean.getRegisteredKubernetesResource("v1", "Pod")).isNull();
        assertThat(lean.getRegisteredKubernetesResource("apps/v1", "Deployment")).isNull();
        // A kind it does not map is still read, generically.
        Object pod = lean.unmarshal("{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}}");
        assertThat(pod).isInstanceOf(GenericKubernetesResource.class);
    }

    @Test
    void typedAndGenericWatchesDeliverEventsAfterTheList() throws Exception {
        try (KubernetesClient lean = KubernetesClients.client(client.getConfiguration())) {
            client.services().inNamespace("a").resource(service("before")).create();
            SharedIndexInformer<Service> services = lean.services().inAnyNamespace().inform();
            SharedIndexInformer<GenericKubernetesResource> nodes = lean.genericKubernetesResources(
                    MetalLbResources.NODES).inform();
            List<Object> seen = new CopyOnWriteArrayList<>();
            services.addEventHandler(OnAnyChange.of(seen::add));
            nodes.addEventHandler(OnAnyChange.of(seen::add));
            services.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
            nodes.start().toCompletableFuture().get(20, TimeUnit.SECONDS);

            // Both arrive through the watch, whose events are read with the lean mapping.
            client.services().inNamespace("a").resource(service("after")).create();
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").addToLabels("zone", "x")
                    .endMetadata().build()).create();
            await("the service and the node watched", () -> services.getStore().list().size() == 2
                    && nodes.getStore().list().size() == 1);

            Service after = services.getStore().getByKey("a/after");
            assertThat(after).isInstanceOf(Service.class);
            assertThat(after.getSpec().getType()).isEqualTo("LoadBalancer");
            assertThat(after.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort())
                    .isEqualTo(80));
            assertThat(ClusterObjects.node(nodes.getStore().list().get(0)).labels()).containsEntry("zone", "x");
            assertThat(seen).hasAtLeastOneElementOfType(Service.class)
                    .hasAtLeastOneElementOfType(GenericKubernetesResource.class);
            services.stop();
            nodes.stop();
        }
    }

    @Test
    void tlsTrustsTheClusterCaAloneNotTheJdksPublicCas() throws Exception {
        Config config = podConfig(server.getSelfSignedCertificate().certificatePath());
        X509TrustManager trust = (X509TrustManager) KubernetesClients.clusterCaTrust(config).orElseThrow()[0];
        // The mock server's self-signed certificate is the one anchor: fabric8 would add it to the JDK's cacerts.
        assertThat(trust.getAcceptedIssuers()).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=localhost");
        try (KubernetesClient lean = KubernetesClients.client(config)) {
            client.services().inNamespace("a").resource(service("s")).create();
            assertThat(lean.services().inNamespace("a").list().getItems()).extracting(x -> x.getMetadata()
                    .getName()).containsExactly("s");
        }
        assertThat(config.isTrustCerts()).as("the config trusts every certificate only while the client is built")
                .isFalse();
    }

    @Test
    void tlsRefusesAnApiServerWhoseCertificateAnotherCaSigned() {
        KubernetesMockServer other = new KubernetesMockServer(true);
        other.init();
        try {
            Config config = podConfig(other.getSelfSignedCertificate().certificatePath());
            try (KubernetesClient lean = KubernetesClients.client(config)) {
                // Both certificates name CN=localhost: the handshake fails on the signature, not on the name.
                assertThatThrownBy(() -> lean.services().inNamespace("a").list()).satisfies(t -> assertThat(
                        Stream.iterate(t, Objects::nonNull, Throwable::getCause).toList())
                        .hasAtLeastOneElementOfType(SSLHandshakeException.class));
            }
        } finally {
            other.destroy();
        }
    }

    @Test
    void withoutACaOrWhenTrustingEveryCertificateFabric8DecidesAsBefore() throws Exception {
        Config trustAll = podConfig(server.getSelfSignedCertificate().certificatePath());
        trustAll.setTrustCerts(true);
        assertThat(KubernetesClients.clusterCaTrust(trustAll)).isEmpty();
        Config noCa = podConfig(null);
        assertThat(KubernetesClients.clusterCaTrust(noCa)).isEmpty();
    }

    @Test
    void idleThreadsOfTheClientsPoolsEnd() {
        ThreadPoolExecutor pool = KubernetesClients.cachedPool("test");
        try {
            CountDownLatch ran = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                pool.execute(ran::countDown);
            }
            await("the tasks run", () -> ran.getCount() == 0);
            assertThat(pool.getLargestPoolSize()).isPositive();
            await("the idle threads gone", () -> pool.getPoolSize() == 0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTheClientEndsItsHttpClientsThreads() {
        KubernetesClients.ClusterCaHttpClientFactory factory = new KubernetesClients.ClusterCaHttpClientFactory();
        try (KubernetesClient lean = new KubernetesClientBuilder().withConfig(
                podConfig(server.getSelfSignedCertificate().certificatePath())).withHttpClientFactory(factory)
                .build()) {
            assertThat(lean.services().inNamespace("a").list().getItems()).isEmpty();
            assertThat(factory.executors).singleElement().satisfies(e -> assertThat(e.isShutdown()).isFalse());
        }
        assertThat(factory.executors).singleElement().satisfies(e -> assertThat(e.isShutdown()).isTrue());
    }

    /** A configuration as a Pod's service account gives: the server, a token, the cluster's CA file. */
    private Config podConfig(String caFile) {
        return new ConfigBuilder(Config.empty()).withMasterUrl(client.getMasterUrl().toString())
                .withOauthToken("not-checked").withCaCertFile(caFile).withTrustCerts(false).build();
    }

    private static Service service(String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("a").endMetadata().withNewSpec()
                .withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec().build();
    }
}
