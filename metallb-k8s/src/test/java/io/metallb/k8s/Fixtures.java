package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Objects and waiting for the controller tests against fabric8's mock API server. */
final class Fixtures {

    static final String NS = "metallb-system";

    private Fixtures() {
    }

    static GenericKubernetesResource pool(String name, String... addresses) {
        return pool(name, Map.of(), addresses);
    }

    static GenericKubernetesResource pool(String name, Map<String, Object> extraSpec, String... addresses) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("metallb.io/v1beta1");
        r.setKind("IPAddressPool");
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS)
                .build());
        Map<String, Object> spec = new java.util.LinkedHashMap<>(extraSpec);
        spec.put("addresses", List.of(addresses));
        r.setAdditionalProperty("spec", spec);
        return r;
    }

    /** A MetalLB object of {@code kind} in the MetalLB namespace with the given spec. */
    static GenericKubernetesResource object(String kind, String name, Map<String, Object> spec) {
        GenericKubernetesResource r = pool(name);
        r.setKind(kind);
        r.setApiVersion("metallb.io/" + contextOf(kind).getVersion());
        r.setAdditionalProperty("spec", spec);
        return r;
    }

    /**
     * The speaker tests' cluster: nodes n1 (zone a), n2 (zone b), n3 (zone a); pool {@code prod}
     * 198.51.100.0/28; service default/web holding {@code ip} with one ready endpoint on n1.
     */
    static void speakerCluster(KubernetesClient client, String ip) {
        for (String[] n : new String[][] {{"n1", "a"}, {"n2", "b"}, {"n3", "a"}}) {
            client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata()
                    .withName(n[0]).addToLabels("zone", n[1]).endMetadata().build()).create();
        }
        apply(client, pool("prod", "198.51.100.0/28"));
        Service web = client.services().inNamespace("default").resource(lb("default", "web", "10.96.0.10")
                .build()).create();
        client.services().inNamespace("default").resource(new ServiceBuilder(web).editOrNewStatus()
                .withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer().endStatus()
                .build()).updateStatus();
        client.discovery().v1().endpointSlices().inNamespace("default").resource(
                new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder()
                .withNewMetadata().withName("web-1").addToLabels("kubernetes.io/service-name", "web").endMetadata()
                .withAddressType("IPv4").addNewEndpoint().withAddresses("10.244.0.7").withNodeName("n1")
                .withNewConditions().withReady(true).endConditions().endEndpoint().build()).create();
    }

    static void apply(KubernetesClient client, GenericKubernetesResource object) {
        client.genericKubernetesResources(contextOf(object.getKind())).inNamespace(NS).resource(object)
                .createOr(o -> o.update());
    }

    static void delete(KubernetesClient client, String kind, String name) {
        client.genericKubernetesResources(contextOf(kind)).inNamespace(NS).withName(name).delete();
    }

    static ResourceDefinitionContext contextOf(String kind) {
        return MetalLbResources.CONFIG_KINDS.stream().filter(c -> c.getKind().equals(kind)).findFirst()
                .orElse(MetalLbResources.CONFIGURATION_STATE);
    }

    /** A LoadBalancer service with one TCP port and the given cluster IPs. */
    static ServiceBuilder lb(String namespace, String name, String... clusterIps) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP(clusterIps[0])
                .withClusterIPs(List.of(clusterIps)).addNewPort().withProtocol("TCP").withPort(80).endPort()
                .addToSelector("app", name).endSpec();
    }

    static Service create(KubernetesClient client, ServiceBuilder service) {
        Service s = service.build();
        return client.services().inNamespace(s.getMetadata().getNamespace()).resource(s).create();
    }

    static List<String> ips(KubernetesClient client, String namespace, String name) {
        Service s = client.services().inNamespace(namespace).withName(name).get();
        return s == null ? List.of() : ServiceWriter.ingressIps(s);
    }

    static String poolAnnotation(KubernetesClient client, String namespace, String name) {
        Map<String, String> a = client.services().inNamespace(namespace).withName(name).get().getMetadata()
                .getAnnotations();
        return a == null ? null : a.get(ServiceWriter.POOL_ANNOTATION);
    }

    /** Polls {@code condition} until it holds, failing after a generous deadline (never a fixed sleep). */
    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
