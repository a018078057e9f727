package io.metallb.distribution.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.metallb.distribution.Poll;
import io.metallb.k8s.KubernetesController;
import io.metallb.k8s.KubernetesSpeaker;
import io.metallb.k8s.LeaderElectedController;
import io.metallb.k8s.ReadySpeakers;
import io.metallb.testannouncer.RecordingAnnouncerProvider;
import io.metallb.testannouncer.Recordings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Checks the manifests' RBAC rules cover every API call the code makes, and no more: the real controller (with
 * leader election) and speaker (with the live-node set) from metallb-k8s run against fabric8's mock API server
 * in CRUD mode through a scenario that makes each of their calls (config objects and the legacy ConfigMap,
 * services with sharing and a refused request, endpoint slices, nodes, namespaces, a BGPPeer passwordSecret,
 * events, status writes, the Lease), every request the server received is attributed to its component by
 * User-Agent, and then: every call is allowed by that component's rules, and every (verb, resource) a rule grants
 * was used by some call.
 */
@EnableKubernetesMockClient(crud = true)
class RbacCoverageTest {

    private static final String NS = "metallb-system";
    private static final String CONTROLLER = "metallb-java-controller";
    private static final String SPEAKER = "metallb-java-speaker";

    /**
     * Grants no scenario can show used, each with why it is needed anyway. Empty today: every grant is exercised.
     * Add an entry only with its reason (e.g. a verb a real API server needs and the mock does not ask for).
     */
    private static final Map<String, String> ALLOWED_UNUSED = Map.of();

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void everyCallIsAllowedAndEveryRuleIsUsed() throws Exception {
        Map<String, List<ApiCall>> calls = runScenario();
        Manifests manifests = Manifests.load();
        for (var component : Map.of(CONTROLLER, "controller", SPEAKER, "speaker").entrySet()) {
            List<ApiCall> made = calls.getOrDefault(component.getKey(), List.of());
            RbacRules rules = RbacRules.of(manifests, NS, component.getValue());
            assertThat(made).as(component.getValue() + " made calls").isNotEmpty();
            assertThat(made.stream().filter(c -> !rules.allows(c)).map(ApiCall::toString).distinct())
                    .as("calls of the " + component.getValue() + " its RBAC rules refuse").isEmpty();
            List<String> unused = new ArrayList<>(rules.unused(made));
            unused.removeIf(ALLOWED_UNUSED::containsKey);
            assertThat(unused).as("grants of the " + component.getValue() + " no call used; calls made: "
                    + new TreeSet<>(made.stream().map(ApiCall::toString).toList())).isEmpty();
        }
    }

    @Test
    void aCallOutsideTheRulesIsRefused() {
        RbacRules speaker = RbacRules.of(Manifests.load(), NS, "speaker");
        assertThat(speaker.allows(ApiCall.parse("GET", "/api/v1/namespaces/metallb-system/secrets?watch=true")))
                .isTrue();
        // Secrets elsewhere, Service status, another ConfigMap, Leases: none is the speaker's.
        assertThat(speaker.allows(ApiCall.parse("GET", "/api/v1/namespaces/default/secrets"))).isFalse();
        assertThat(speaker.allows(ApiCall.parse("PUT", "/api/v1/namespaces/default/services/web/status")))
                .isFalse();
        assertThat(speaker.allows(ApiCall.parse("GET",
                "/api/v1/namespaces/metallb-system/configmaps?fieldSelector=metadata.name%3Dother"))).isFalse();
        assertThat(speaker.allows(ApiCall.parse("GET",
                "/api/v1/namespaces/metallb-system/configmaps?fieldSelector=metadata.name%3Dconfig"))).isTrue();
        assertThat(speaker.allows(ApiCall.parse("POST",
                "/apis/coordination.k8s.io/v1/namespaces/metallb-system/leases"))).isFalse();
    }

    /** Runs the scenario; the calls each component made, by User-Agent. */
    private Map<String, List<ApiCall>> runScenario() throws Exception {
        fixtures();
        Recordings.clear();
        try (KubernetesClient controllerClient = componentClient(CONTROLLER);
                KubernetesClient speakerClient = componentClient(SPEAKER)) {
            KubernetesController.Options controllerOptions = new KubernetesController.Options(NS, Optional.empty());
            LeaderElectedController controller = new LeaderElectedController(controllerClient, controllerOptions,
                    "controller-a", new LeaderElectedController.Timings(Duration.ofSeconds(4),
                            Duration.ofSeconds(3), Duration.ofMillis(200)));
            ReadySpeakers live = new ReadySpeakers(speakerClient, NS, Map.of("app", "metallb",
                    "component", "speaker"));
            List<KubernetesSpeaker> speakers = new ArrayList<>();
            SpeakerStart restart = () -> {
                speakers.forEach(KubernetesSpeaker::close);
                KubernetesSpeaker speaker = new KubernetesSpeaker(speakerClient, new KubernetesSpeaker.Options(NS,
                        "n1", Optional.empty(), Map.of("layer2", Recordings.PROTOCOL, "bgp", Recordings.PROTOCOL)),
                        List.of(new RecordingAnnouncerProvider()), Optional.of(live));
                speakers.add(speaker);
                speaker.start(20, TimeUnit.SECONDS);
            };
            try {
                controller.start();
                live.start().get(20, TimeUnit.SECONDS);
                restart.run();
                await("a leader", controller::isLeading);
                exercise(restart);
            } finally {
                speakers.forEach(KubernetesSpeaker::close);
                live.close();
                controller.close();
            }
            // The controller's last call: leaving the election gives the Lease up (fabric8 writes a 1 s lease).
            await("the Lease released", () -> {
                var lease = client.leases().inNamespace(NS).withName("metallb-controller").get();
                return lease != null && Integer.valueOf(1).equals(lease.getSpec().getLeaseDurationSeconds());
            });
        }
        return recordedCalls();
    }

    /**
     * The cluster before the components start: namespaces, a node, a ready speaker Pod, the whole config. The
     * test's own writes are create-or-update: on a loaded machine the client may retry a POST the server already
     * took, and the 409 would fail the scenario for nothing.
     */
    private void fixtures() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default")
                .addToLabels("team", "a").endMetadata().build()).createOr(NonDeletingOperation::update);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .createOr(NonDeletingOperation::update);
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").addToLabels("zone", "a")
                .endMetadata().build()).createOr(NonDeletingOperation::update);
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("speaker-n1")
                .addToLabels("app", "metallb").addToLabels("component", "speaker").endMetadata()
                .withNewSpec().withNodeName("n1").endSpec().withNewStatus().addNewCondition().withType("Ready")
                .withStatus("True").endCondition().endStatus().build()).createOr(NonDeletingOperation::update);
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("bgp-auth")
                .endMetadata().withType("kubernetes.io/basic-auth").addToStringData("password", "s3cret").build())
                .createOr(NonDeletingOperation::update);
        apply("IPAddressPool", "v1beta1", "prod", Map.of("addresses", List.of("198.51.100.0/28")));
        apply("IPAddressPool", "v1beta1", "routed", Map.of("addresses", List.of("203.0.113.0/28")));
        apply("L2Advertisement", "v1beta1", "l2", Map.of("ipAddressPools", List.of("prod")));
        apply("BGPAdvertisement", "v1beta1", "adv", Map.of("ipAddressPools", List.of("routed"),
                "communities", List.of("no-export")));
        apply("Community", "v1beta1", "names", Map.of("communities",
                List.of(Map.of("name", "no-export", "value", "65535:65281"))));
        apply("BFDProfile", "v1beta1", "fast", Map.of("receiveInterval", 300));
        apply("BGPPeer", "v1beta2", "router", Map.of("myASN", 64512, "peerASN", 64513,
                "peerAddress", "198.51.100.254", "bfdProfile", "fast",
                "passwordSecret", Map.of("name", "bgp-auth", "namespace", NS)));
        // Its Secret does not exist: the speaker leaves it out and says so in an event on the BGPPeer.
        apply("BGPPeer", "v1beta2", "other-router", Map.of("myASN", 64512, "peerASN", 64514,
                "peerAddress", "198.51.100.253", "passwordSecret", Map.of("name", "missing", "namespace", NS)));
    }

    /** Starts a speaker for node n1, closing the one before: a Pod restart. */
    private interface SpeakerStart {
        void run() throws Exception;
    }

    /** What the components react to while they run. */
    private void exercise(SpeakerStart restartSpeaker) throws Exception {
        service("web", Map.of("metallb.io/address-pool", "prod"));
        service("routed", Map.of("metallb.io/address-pool", "routed"));
        for (String name : List.of("dns-tcp", "dns-udp")) {
            service(name, Map.of("metallb.io/allow-shared-ip", "dns", "metallb.io/loadBalancerIPs",
                    "198.51.100.9"));
        }
        // No pool holds it: refused, with an AllocationFailed event.
        service("outside", Map.of("metallb.io/loadBalancerIPs", "203.0.113.200"));
        for (String name : List.of("web", "routed")) {
            client.discovery().v1().endpointSlices().inNamespace("default").resource(new EndpointSliceBuilder()
                    .withNewMetadata().withName(name + "-1").addToLabels("kubernetes.io/service-name", name)
                    .endMetadata().withAddressType("IPv4").addNewEndpoint().withAddresses("10.244.0.7")
                    .withNodeName("n1").withNewConditions().withReady(true).endConditions().endEndpoint().build())
                    .createOr(NonDeletingOperation::update);
        }
        await("web and routed addressed, dns-tcp and dns-udp share", () -> ips("web").size() == 1
                && ips("routed").size() == 1 && ips("dns-tcp").equals(List.of("198.51.100.9"))
                && ips("dns-udp").equals(List.of("198.51.100.9")));
        await("pool status written", () -> genericStatus(kind("IPAddressPool", "ipaddresspools", "v1beta1"),
                "prod").contains("assignedIPv4"));
        await("events: IPAllocated, AllocationFailed, nodeAssigned, InvalidPasswordSecret", () -> reasons()
                .containsAll(Set.of("IPAllocated", "AllocationFailed", "nodeAssigned", "InvalidPasswordSecret")));
        await("ServiceL2Status and ServiceBGPStatus written", () -> count(SPEAKER_L2) == 1
                && count(SPEAKER_BGP) == 1);

        // The legacy ConfigMap beside metallb.io objects: ignored, said in an event and the ConfigurationState.
        client.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("config").endMetadata()
                .addToData("config", "address-pools: [{name: old, protocol: layer2, addresses: [198.51.100.32/28]}]")
                .build()).createOr(NonDeletingOperation::update);
        await("ConfigMapIgnored", () -> reasons().contains("ConfigMapIgnored"));
        // An invalid edit: refused, the ConfigurationState says Invalid.
        apply("IPAddressPool", "v1beta1", "broken", Map.of("addresses", List.of("not-an-address")));
        await("ConfigInvalid", () -> reasons().contains("ConfigInvalid")
                && genericStatus(STATE, "controller").contains("Invalid"));

        client.genericKubernetesResources(kind("IPAddressPool", "ipaddresspools", "v1beta1")).inNamespace(NS)
                .withName("broken").delete();
        await("the config valid again", () -> genericStatus(STATE, "controller").contains("result=Valid"));

        // The speaker restarts: it rewrites the status objects that already exist (read, then update).
        int assigned = count("nodeAssigned");
        restartSpeaker.run();
        await("the new speaker announces", () -> count("nodeAssigned") > assigned);
        // The missing Secret appears: other-router joins, routed's ServiceBGPStatus lists both peers.
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("missing")
                .endMetadata().withType("kubernetes.io/basic-auth").addToStringData("password", "s3cret").build())
                .createOr(NonDeletingOperation::update);
        await("ServiceBGPStatus names other-router", () -> client.genericKubernetesResources(SPEAKER_BGP)
                .inNamespace(NS).list().getItems().stream().anyMatch(r -> String.valueOf(r.getAdditionalProperties()
                        .get("status")).contains("other-router")));

        // Services go: their status objects are deleted.
        client.services().inNamespace("default").withName("web").delete();
        client.services().inNamespace("default").withName("routed").delete();
        await("ServiceL2Status and ServiceBGPStatus deleted", () -> count(SPEAKER_L2) == 0
                && count(SPEAKER_BGP) == 0);
    }

    private static final ResourceDefinitionContext SPEAKER_L2 = kind("ServiceL2Status", "servicel2statuses",
            "v1beta1");
    private static final ResourceDefinitionContext SPEAKER_BGP = kind("ServiceBGPStatus", "servicebgpstatuses",
            "v1beta1");
    private static final ResourceDefinitionContext STATE = kind("ConfigurationState", "configurationstates",
            "v1beta1");

    private static ResourceDefinitionContext kind(String kind, String plural, String version) {
        return new ResourceDefinitionContext.Builder().withGroup("metallb.io").withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    private void apply(String kind, String version, String name, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("metallb.io/" + version);
        r.setKind(kind);
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        r.setAdditionalProperty("spec", new LinkedHashMap<>(spec));
        String plural = kind.equals("Community") ? "communities" : kind.toLowerCase(java.util.Locale.ROOT) + "s";
        client.genericKubernetesResources(kind(kind, plural, version))
                .inNamespace(NS).resource(r).createOr(NonDeletingOperation::update);
    }

    private void service(String name, Map<String, String> annotations) {
        Service s = new ServiceBuilder().withNewMetadata().withNamespace("default").withName(name)
                .withAnnotations(annotations).endMetadata().withNewSpec().withType("LoadBalancer")
                .withClusterIP("10.96.0." + (10 + name.length())).addNewPort()
                .withProtocol(name.endsWith("udp") ? "UDP" : "TCP").withPort(53).endPort()
                .addToSelector("app", name).endSpec().build();
        client.services().inNamespace("default").resource(s).createOr(NonDeletingOperation::update);
    }

    private List<String> ips(String name) {
        return io.metallb.distribution.command.MockCluster.ingressIps(client, "default", name);
    }

    private int count(String reason) {
        return (int) client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).count();
    }

    private Set<String> reasons() {
        Set<String> reasons = new TreeSet<>();
        client.v1().events().inAnyNamespace().list().getItems().forEach(e -> reasons.add(e.getReason()));
        return reasons;
    }

    private String genericStatus(ResourceDefinitionContext kind, String name) {
        GenericKubernetesResource r = client.genericKubernetesResources(kind).inNamespace(NS).withName(name).get();
        return r == null ? "" : String.valueOf(r.getAdditionalProperties().get("status"));
    }

    private int count(ResourceDefinitionContext kind) {
        return client.genericKubernetesResources(kind).inNamespace(NS).list().getItems().size();
    }

    /** A client of its own for a component, so its requests carry its name as User-Agent. */
    private KubernetesClient componentClient(String userAgent) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withUserAgent(userAgent).build()).build();
    }

    /**
     * Every request the mock server received, as RBAC sees it, by User-Agent; the test's own (its client's agent)
     * are left out, and a request of any other agent fails the test, so no component call goes unchecked.
     */
    private Map<String, List<ApiCall>> recordedCalls() throws InterruptedException {
        Map<String, List<ApiCall>> calls = new LinkedHashMap<>();
        String fixtures = client.getConfiguration().getUserAgent();
        int total = server.getRequestCount();
        int taken = 0;
        RecordedRequest request;
        while ((request = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
            taken++;
            String agent = String.valueOf(request.getHeader("User-Agent"));
            if (agent.equals(CONTROLLER) || agent.equals(SPEAKER)) {
                calls.computeIfAbsent(agent, a -> new ArrayList<>())
                        .add(ApiCall.parse(request.getMethod(), request.getPath()));
            } else if (!agent.equals(fixtures)) {
                throw new AssertionError("a request of no known component: " + agent + " " + request);
            }
        }
        assertThat(taken).as("requests recorded").isGreaterThanOrEqualTo(total);
        return calls;
    }

    private static void await(String what, BooleanSupplier condition) {
        Poll.await(what, Duration.ofSeconds(30), Duration.ofMillis(20), condition);
    }
}
