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
                .containsExactlyInAnyOrder("198.51.100.0", "198.51.100.1");
        await("pool annotation", () -> "prod".equals(poolAnnotation(client, "default", "web")));
        await("IPAllocated events", () -> events("IPAllocated").size() == 2);
        assertThat(events("IPAllocated")).extracting(Event::getMessage)
                .contains("Assigned IP [\"198.51.100.1\"]");
        await("IPAddressPool status counts", () -> "{assignedIPv4=2, assignedIPv6=0, availableIPv4=2, availableIPv6=0}"
                .equals(String.valueOf(client.genericKubernetesResources(Fixtures.contextOf("IPAddressPool"))
                        .inNamespace(NS).withName("prod").get().getAdditionalProperties().get("status"))));
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
        long poolWrites = c.poolStatusWrites();
        int requestsBefore = server.getRequestCount();
        long reconciled = c.reconciled();
        c.resync();
        await("second resync done", () -> c.reconciled() >= reconciled + 5);
        assertThat(c.writes()).isEqualTo(writes);
        assertThat(c.poolStatusWrites()).isEqualTo(poolWrites);
        assertThat(server.getRequestCount()).isEqualTo(requestsBefore);
    }

    @Test
    void restartedControllerKeepsEveryAddressAndWritesNothing() throws Exception {
        apply(client, pool("prod", "198.51.100.0/24"));
        for (int i = 0; i < 6; i++) {
            create(client, lb("default", "s" + i, "10.96.0." + (10 + i)));
        }
        KubernetesController first = startController(Optional.empty());
        await("all assigned", () -> allAnnotated("default"));
        java.util.Map<String, List<String>> before = assignments("default");
        first.close();
        // Deleting s0 while no controller runs frees 198.51.100.0; a new service must not take anyone else's.
        client.services().inNamespace("default").withName("s0").delete();
        create(client, lb("default", "late", "10.96.0.99"));
        KubernetesController second = startController(Optional.empty());
        await("late assigned", () -> ips(client, "default", "late").size() == 1);
        java.util.Map<String, List<String>> after = assignments("default");
        before.remove("s0");
        assertThat(after).containsAllEntriesOf(before);
        assertThat(before.values()).doesNotContain(after.get("late"));
        await("the late service's writes", () -> second.writes() >= 2);
        assertThat(second.writes()).isEqualTo(2); // the new service's status and annotation only
    }

    @Test
    void invalidConfigIsKeptOutAndReportedWhileTheLastGoodKeepsRunning() throws Exception {
        apply(client, pool("prod", "198.51.100.0/30"));
        create(client, lb("default", "web", "10.96.0.10"));
        startController(Optional.empty());
        await("web assigned", () -> ips(client, "default", "web").size() == 1);

        apply(client, pool("typo", "198.51.100.300/24"));
        await("ConfigurationState says Invalid", () -> "Invalid".equals(stateField("result")));
        assertThat(stateField("errorSummary")).contains("IPAddressPool \"typo\"").contains("spec.addresses[0]");
        await("ConfigInvalid event", () -> events("ConfigInvalid").size() == 1);

        create(client, lb("default", "api", "10.96.0.11"));
        await("api assigned from the last good config", () -> ips(client, "default", "api").size() == 1);
        assertThat(ips(client, "default", "web")).containsExactly("198.51.100.0");
        assertThat(ips(client, "default", "api")).containsExactly("198.51.100.1");

        Fixtures.delete(client, "IPAddressPool", "typo");
        await("ConfigurationState back to Valid", () -> "Valid".equals(stateField("result")));
    }

    @Test
    void legacyConfigMapAloneWorksAndMetallbObjectsWinOverIt() throws Exception {
        client.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("config").withNamespace(NS).endMetadata()
                .addToData("config", """
                        address-pools:
                        - name: legacy
                          protocol: layer2
                          addresses:
                          - 203.0.113.8/29
                        """).build()).create();
        create(client, lb("default", "web", "10.96.0.10"));
        startController(Optional.empty());
        await("web assigned from the ConfigMap", () -> ips(client, "default", "web").size() == 1);
        assertThat(ips(client, "default", "web")).containsExactly("203.0.113.8");
        await("legacy pool annotation", () -> "legacy".equals(poolAnnotation(client, "default", "web")));

        apply(client, pool("prod", "198.51.100.0/30"));
        await("web moved to the CRD pool", () -> ips(client, "default", "web").equals(List.of("198.51.100.0")));
        await("ClearAssignment event", () -> events("ClearAssignment").size() == 1);
        await("a ConfigMapIgnored event on the ConfigMap", () -> events("ConfigMapIgnored").size() == 1);
        Event ignored = events("ConfigMapIgnored").get(0);
        assertThat(ignored.getType()).isEqualTo("Warning");
        assertThat(ignored.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
        assertThat(ignored.getInvolvedObject().getName()).isEqualTo("config");
        assertThat(ignored.getMessage()).contains("the metallb.io objects win");
        await("ConfigurationState shows it", () -> String.valueOf(stateField("conditions"))
                .contains("type=" + ConfigurationStateWriter.IGNORED_CONDITION));
        assertThat(stateField("result")).isEqualTo("Valid");

        client.configMaps().inNamespace(NS).withName("config").delete();
        await("the condition goes with the ConfigMap", () -> "[]".equals(stateField("conditions")));
    }

    @Test
    void unreadableRequestedAddressesGiveMetallbsReasons() throws Exception {
        apply(client, pool("prod", "198.51.100.0/30"));
        create(client, lb("default", "web", "10.96.0.10"));
        create(client, lb("default", "fresh", "10.96.0.11").editMetadata()
                .addToAnnotations("metallb.io/loadBalancerIPs", "not-an-ip").endMetadata());
        startController(Optional.empty());
        await("web assigned", () -> ips(client, "default", "web").size() == 1);
        List<String> held = ips(client, "default", "web");

        // A service holding nothing fails inside MetalLB's allocateIPs: AllocationFailed.
        await("AllocationFailed for the new service", () -> events("AllocationFailed").size() == 1);
        assertThat(events("AllocationFailed").get(0).getMessage()).isEqualTo(
                "Failed to allocate IP for \"default/fresh\": invalid metallb.io/loadBalancerIPs: \"not-an-ip\"");

        // A service holding addresses fails in getDesiredLbIPs: LoadBalancerFailed, and it keeps them.
        client.services().inNamespace("default").withName("web").edit(s -> new io.fabric8.kubernetes.api.model
                .ServiceBuilder(s).editMetadata().addToAnnotations("metallb.io/loadBalancerIPs", "198.51.100.1")
                .endMetadata().editSpec().withLoadBalancerIP("198.51.100.2").endSpec().build());
        await("LoadBalancerFailed for web", () -> events("LoadBalancerFailed").size() == 1);
        Event failed = events("LoadBalancerFailed").get(0);
        assertThat(failed.getType()).isEqualTo("Warning");
        assertThat(failed.getMessage()).isEqualTo("invalid requested loadbalancer IPs: service can not have both "
                + "metallb.io/loadBalancerIPs and svc.Spec.LoadBalancerIP");
        assertThat(events("AllocationFailed")).hasSize(1);
        assertThat(ips(client, "default", "web")).isEqualTo(held);

        // A restart keeps web's addresses and says the same.
        controllers.remove(0).close();
        KubernetesController second = startController(Optional.empty());
        create(client, lb("default", "late", "10.96.0.13"));
        await("late assigned", () -> ips(client, "default", "late").size() == 1);
        assertThat(ips(client, "default", "late")).doesNotContainAnyElementsOf(held);
        assertThat(ips(client, "default", "web")).isEqualTo(held);
        await("the late service's writes", () -> second.writes() >= 2);
        assertThat(second.writes()).isEqualTo(2); // late's status and annotation only

        create(client, lb("default", "single", "10.96.0.12").editSpec().withIpFamilyPolicy("RequireDualStack")
                .endSpec());
        await("not enough clusterips", () -> events("not enough clusterips").size() == 1);
        assertThat(events("not enough clusterips").get(0).getMessage())
                .isEqualTo("Service requires dual stack but not enough clusterips [10.96.0.12]");
        assertThat(events("AllocationFailed")).noneMatch(e -> e.getInvolvedObject().getName().equals("single"));
    }

    @Test
    void poolChangeMovesOnlyTheServicesOfTheRemovedPool() throws Exception {
        apply(client, pool("a", java.util.Map.of("autoAssign", true), "198.51.100.0/30"));
        apply(client, pool("b", "203.0.113.0/30"));
        create(client, lb("default", "in-a", "10.96.0.10"));
        create(client, lb("default", "in-b", "10.96.0.11").editMetadata()
                .addToAnnotations("metallb.io/address-pool", "b").endMetadata());
        create(client, lb("default", "in-b2", "10.96.0.12").editMetadata()
                .addToAnnotations("metallb.io/address-pool", "b").endMetadata());
        KubernetesController c = startController(Optional.empty());
        await("all assigned", () -> allAnnotated("default"));
        java.util.Map<String, List<String>> before = assignments("default");
        assertThat(before.get("in-b").get(0)).startsWith("203.0.113.");

        Fixtures.delete(client, "IPAddressPool", "b");
        await("pool b's services lose their addresses", () -> ips(client, "default", "in-b").isEmpty()
                && ips(client, "default", "in-b2").isEmpty());
        assertThat(ips(client, "default", "in-a")).isEqualTo(before.get("in-a"));
        await("AllocationFailed events", () -> events("AllocationFailed").size() == 2);
        assertThat(events("AllocationFailed")).extracting(Event::getMessage)
                .anyMatch(m -> m.startsWith("Failed to allocate IP for \"default/in-b\": "));
    }

    @Test
    void annotationsDualStackAndSharingAreHonoured() throws Exception {
        apply(client, pool("dual", "198.51.100.0/30", "2001:db8::/126"));
        apply(client, pool("manual", java.util.Map.of("autoAssign", false), "203.0.113.0/30"));
        create(client, lb("default", "asks-ip", "10.96.0.10").editMetadata()
                .addToAnnotations("metallb.io/loadBalancerIPs", "198.51.100.2").endMetadata());
        create(client, lb("default", "asks-pool", "10.96.0.11").editMetadata()
                .addToAnnotations("metallb.io/address-pool", "manual").endMetadata());
        create(client, lb("default", "dual", "10.96.0.12", "fd00::12").editSpec()
                .withIpFamilyPolicy("RequireDualStack").withIpFamilies("IPv4", "IPv6").endSpec());
        create(client, lb("default", "share-1", "10.96.0.13").editMetadata()
                .addToAnnotations("metallb.io/allow-shared-ip", "k").addToAnnotations(
                        "metallb.io/loadBalancerIPs", "198.51.100.3").endMetadata());
        create(client, lb("default", "share-2", "10.96.0.14").editMetadata()
                .addToAnnotations("metallb.universe.tf/allow-shared-ip", "k").addToAnnotations(
                        "metallb.io/loadBalancerIPs", "198.51.100.3").endMetadata().editSpec().editFirstPort()
                .withPort(443).endPort().endSpec());
        startController(Optional.empty());
        await("all assigned", () -> allAnnotated("default"));
        java.util.Map<String, List<String>> got = assignments("default");
        assertThat(got.get("asks-ip")).containsExactly("198.51.100.2");
        assertThat(got.get("asks-pool")).containsExactly("203.0.113.0");
        assertThat(got.get("dual")).hasSize(2).allMatch(ip -> ip.startsWith("198.51.100.")
                || ip.startsWith("2001:db8::"));
        assertThat(got.get("share-1")).containsExactly("198.51.100.3");
        assertThat(got.get("share-2")).containsExactly("198.51.100.3");
        await("deprecatedAnnotation event", () -> events("deprecatedAnnotation").size() == 1);
        assertThat(events("deprecatedAnnotation").get(0).getMessage())
                .isEqualTo("Service uses deprecated annotation metallb.universe.tf/allow-shared-ip");
    }

    @Test
    void lbClassSelectsWhichServicesAreServed() throws Exception {
        apply(client, pool("prod", "198.51.100.0/30"));
        create(client, lb("default", "plain", "10.96.0.10"));
        create(client, lb("default", "mine", "10.96.0.11").editSpec().withLoadBalancerClass("example.com/lb")
                .endSpec());
        KubernetesController c = startController(Optional.of("example.com/lb"));
        await("mine assigned", () -> ips(client, "default", "mine").size() == 1);
        long reconciled = c.reconciled();
        c.resync();
        await("resync done", () -> c.reconciled() >= reconciled + 2);
        assertThat(ips(client, "default", "plain")).isEmpty();
    }

    @Test
    void aWaitingServiceGetsTheAddressAnotherFrees() throws Exception {
        apply(client, pool("tiny", "198.51.100.7/32"));
        create(client, lb("default", "first", "10.96.0.10"));
        startController(Optional.empty());
        await("first assigned", () -> ips(client, "default", "first").equals(List.of("198.51.100.7")));
        create(client, lb("default", "second", "10.96.0.11"));
        await("second refused", () -> events("AllocationFailed").size() == 1);
        assertThat(ips(client, "default", "second")).isEmpty();

        client.services().inNamespace("default").withName("first").delete();
        await("second gets the freed address", () -> ips(client, "default", "second")
                .equals(List.of("198.51.100.7")));
    }

    @Test
    void labellingANamespaceBringsItsServicesIntoAPoolsNamespaceSelector() throws Exception {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("team").endMetadata().build())
                // createOr: on a loaded machine the client may retry a POST the server already took (409)
                .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        apply(client, pool("team-only", java.util.Map.of("serviceAllocation", java.util.Map.of(
                "namespaceSelectors", List.of(java.util.Map.of("matchLabels", java.util.Map.of("owner", "a"))))),
                "203.0.113.16/30"));
        create(client, lb("team", "app", "10.96.0.10"));
        startController(Optional.empty());
        await("refused while the namespace lacks the label", () -> events("AllocationFailed").size() == 1);

        client.namespaces().withName("team").edit(ns -> new io.fabric8.kubernetes.api.model.NamespaceBuilder(ns)
                .editMetadata().addToLabels("owner", "a").endMetadata().build());
        await("assigned once the namespace matches", () -> ips(client, "team", "app")
                .equals(List.of("203.0.113.16")));
    }

    private boolean allAnnotated(String namespace) {
        return client.services().inNamespace(namespace).list().getItems().stream()
                .allMatch(s -> !ServiceWriter.ingressIps(s).isEmpty() && s.getMetadata().getAnnotations() != null
                        && s.getMetadata().getAnnotations().containsKey(ServiceWriter.POOL_ANNOTATION));
    }

    private java.util.Map<String, List<String>> assignments(String namespace) {
        java.util.Map<String, List<String>> m = new java.util.TreeMap<>();
        client.services().inNamespace(namespace).list().getItems()
                .forEach(s -> m.put(s.getMetadata().getName(), ServiceWriter.ingressIps(s)));
        return m;
    }

    @SuppressWarnings("unchecked")
    private String stateField(String field) {
        var state = client.genericKubernetesResources(MetalLbResources.CONFIGURATION_STATE).inNamespace(NS)
                .withName(ConfigurationStateWriter.NAME).get();
        if (state == null || !(state.getAdditionalProperties().get("status") instanceof java.util.Map<?, ?> st)) {
            return null;
        }
        return String.valueOf(((java.util.Map<String, Object>) st).get(field));
    }
}
