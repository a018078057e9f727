package io.metallb.k8s;

import static io.metallb.k8s.Fixtures.NS;
import static io.metallb.k8s.Fixtures.apply;
import static io.metallb.k8s.Fixtures.await;
import static io.metallb.k8s.Fixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.node.L2Election;
import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.AnnouncerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesSpeakerTest {

    private static final Set<String> NODES = Set.of("n1", "n2", "n3");
    private static final String WEB_IP = "198.51.100.5";

    KubernetesClient client;
    private final RecordingAnnouncers recorder = new RecordingAnnouncers();
    private final RecordingAnnouncers.LiveNodes live = new RecordingAnnouncers.LiveNodes(NODES);
    private final List<KubernetesSpeaker> speakers = new ArrayList<>();

    @BeforeEach
    void cluster() {
        Fixtures.speakerCluster(client, WEB_IP);
    }

    @AfterEach
    void stop() {
        speakers.forEach(KubernetesSpeaker::close);
    }

    private void startSpeakers(List<AnnouncerProvider> providers) throws Exception {
        for (String n : List.of("n1", "n2", "n3")) {
            KubernetesSpeaker s = new KubernetesSpeaker(client, new KubernetesSpeaker.Options(NS, n,
                    Optional.empty()), providers, Optional.of(live));
            speakers.add(s);
            s.start(20, TimeUnit.SECONDS);
        }
    }

    private static String expectedOwner(Set<String> candidates) {
        return L2Election.owner(IpAddress.parse(WEB_IP), candidates).orElseThrow();
    }

    private void setTrafficPolicy(String policy) {
        client.services().inNamespace("default").withName("web")
                .edit(s -> new ServiceBuilder(s).editSpec().withExternalTrafficPolicy(policy).endSpec().build());
    }

    @Test
    void announcesNothingUntilTheMembershipCacheIsFilledTooThenAnnounces() throws Exception {
        apply(client, object("L2Advertisement", "l2", Map.of()));
        String owner = expectedOwner(NODES);
        KubernetesSpeaker s = new KubernetesSpeaker(client, new KubernetesSpeaker.Options(NS, owner,
                Optional.empty()), List.of(recorder.provider("layer2")), Optional.of(live));
        speakers.add(s);
        java.util.concurrent.CompletableFuture<Void> pods = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> started = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                s.start(20, TimeUnit.SECONDS, () -> pods);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        // Its own caches fill within this second (the other tests start in well under it); the live set is unread,
        // so start must not return.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> started.get(1, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(s.isStarted()).isFalse();
        assertThat(recorder.nodesAnnouncing("layer2", "web")).isEmpty();

        pods.complete(null);
        started.get(20, TimeUnit.SECONDS);
        assertThat(s.isStarted()).isTrue();
        await("the elected node announces web once both caches are filled",
                () -> recorder.nodesAnnouncing("layer2", "web").equals(Set.of(owner)));
    }

    @Test
    void layer2OwnerIsElectedAmongLiveEligibleNodesAndMovesWithLivenessAndLocalEndpoints() throws Exception {
        apply(client, object("L2Advertisement", "l2", Map.of()));
        startSpeakers(List.of(recorder.provider("layer2"), recorder.provider("bgp")));

        String owner = expectedOwner(NODES);
        await("the elected node announces web", () -> recorder.nodesAnnouncing("layer2", "web")
                .equals(Set.of(owner)));
        assertThat(recorder.last.get("layer2 " + owner)).singleElement()
                .satisfies(a -> assertThat(a.address()).hasToString(WEB_IP))
                .satisfies(a -> assertThat(a.advertisements()).containsExactly("l2"));
        await("ServiceL2Status names the owner and the interface its announcer reports",
                () -> client.genericKubernetesResources(SpeakerStatusWriter.L2).inNamespace(NS).list().getItems()
                        .stream().map(r -> String.valueOf(r.getAdditionalProperties().get("status")))
                        .anyMatch(st -> st.contains("node=" + owner)
                                && st.contains("interfaces=[{name=" + RecordingAnnouncers.INTERFACE + "}]")));
        await("one nodeAssigned event", () -> nodeAssignedEvents() == 1);

        Set<String> rest = new java.util.HashSet<>(NODES);
        rest.remove(owner);
        live.set(rest);
        String next = expectedOwner(rest);
        await("the next node takes over when the owner dies", () -> recorder.nodesAnnouncing("layer2", "web")
                .equals(Set.of(next)));
        await("a second nodeAssigned event", () -> nodeAssignedEvents() == 2);

        live.set(NODES);
        setTrafficPolicy("Local");
        await("with Local traffic only the endpoint's node announces", () -> recorder
                .nodesAnnouncing("layer2", "web").equals(Set.of("n1")));

        client.discovery().v1().endpointSlices().inNamespace("default").withName("web-1").edit(s -> {
            s.getEndpoints().get(0).getConditions().setReady(false);
            return s;
        });
        await("no usable endpoint: nobody announces", () -> recorder.nodesAnnouncing("layer2", "web").isEmpty());
        assertThat(recorder.nodesAnnouncing("bgp", "web")).isEmpty();
    }

    @Test
    void bgpIsAnnouncedByEveryEligibleSelectedNode() throws Exception {
        apply(client, object("BGPPeer", "router", Map.of("myASN", 64500, "peerASN", 64501,
                "peerAddress", "198.51.100.254")));
        apply(client, object("BGPAdvertisement", "bgp", Map.of("nodeSelectors",
                List.of(Map.of("matchLabels", Map.of("zone", "a"))))));
        startSpeakers(List.of(recorder.provider("layer2"), recorder.provider("bgp")));
        await("zone a nodes announce over BGP", () -> recorder.nodesAnnouncing("bgp", "web")
                .equals(Set.of("n1", "n3")));
        await("each writes a ServiceBGPStatus naming the peer", () -> client
                .genericKubernetesResources(SpeakerStatusWriter.BGP).inNamespace(NS).list().getItems().stream()
                .map(r -> String.valueOf(r.getAdditionalProperties().get("status")))
                .filter(st -> st.contains("peers=[router]")).count() == 2);
        assertThat(recorder.nodesAnnouncing("layer2", "web")).isEmpty();

        client.nodes().withName("n3").edit(n -> new NodeBuilder(n).editMetadata()
                .addToLabels("node.kubernetes.io/exclude-from-external-load-balancers", "").endMetadata().build());
        await("an excluded node withdraws", () -> recorder.nodesAnnouncing("bgp", "web").equals(Set.of("n1")));

        client.nodes().withName("n2").edit(n -> new NodeBuilder(n).editMetadata().addToLabels("zone", "a")
                .endMetadata().build());
        await("a node joining the selector announces", () -> recorder.nodesAnnouncing("bgp", "web")
                .equals(Set.of("n1", "n2")));

        setTrafficPolicy("Local");
        await("Local traffic: only the endpoint's node", () -> recorder.nodesAnnouncing("bgp", "web")
                .equals(Set.of("n1")));
    }

    @Test
    void aProtocolWithoutAnnouncerIsReportedNotDropped() throws Exception {
        apply(client, object("BGPAdvertisement", "bgp", Map.of()));
        startSpeakers(List.of(recorder.provider("layer2")));
        await("every speaker reports bgp missing", () -> speakers.stream()
                .allMatch(s -> s.missingProtocols().equals(Set.of("bgp"))));
        await("announceFailed event", () -> client.v1().events().inNamespace("default").list().getItems().stream()
                .anyMatch(e -> "announceFailed".equals(e.getReason())
                        && e.getMessage().contains("no announcer for protocol \"bgp\"")));
    }

    private long nodeAssignedEvents() {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> "nodeAssigned".equals(e.getReason())).count();
    }

    @Test
    void installedAnnouncersComeFromServiceLoaderAndAnAbsentOneIsNamed() throws Exception {
        apply(client, object("L2Advertisement", "l2", Map.of()));
        // The test module path holds only the "recording" plugin (metallb-test-announcer), so layer2 is missing.
        KubernetesSpeaker s = KubernetesSpeaker.withInstalledAnnouncers(client,
                new KubernetesSpeaker.Options(NS, expectedOwner(NODES), Optional.empty()), Optional.of(live));
        speakers.add(s);
        s.start(20, TimeUnit.SECONDS);
        await("layer2 reported missing", () -> s.missingProtocols().equals(Set.of("layer2")));
    }
}
