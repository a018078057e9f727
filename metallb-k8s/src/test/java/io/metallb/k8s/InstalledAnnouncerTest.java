package io.metallb.k8s;

import static io.metallb.k8s.Fixtures.NS;
import static io.metallb.k8s.Fixtures.apply;
import static io.metallb.k8s.Fixtures.await;
import static io.metallb.k8s.Fixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.net.IpAddress;
import io.metallb.api.node.L2Election;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.testannouncer.Recordings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The speaker as the distribution runs it: announcers found by {@link KubernetesSpeaker#withInstalledAnnouncers}
 * through ServiceLoader, here the {@code recording} plugin of module io.metallb.testannouncer (a separate test
 * module on the module path), which must receive exactly the right set as the cluster changes.
 */
@EnableKubernetesMockClient(crud = true)
class InstalledAnnouncerTest {

    private static final Set<String> NODES = Set.of("n1", "n2", "n3");
    private static final String WEB_IP = "198.51.100.5";
    private static final ServiceKey WEB = new ServiceKey("default", "web");

    KubernetesClient client;
    private final RecordingAnnouncers.LiveNodes live = new RecordingAnnouncers.LiveNodes(NODES);
    private final List<KubernetesSpeaker> speakers = new ArrayList<>();

    @BeforeEach
    void cluster() {
        Recordings.clear();
        Fixtures.speakerCluster(client, WEB_IP);
    }

    @AfterEach
    void stop() {
        speakers.forEach(KubernetesSpeaker::close);
        Recordings.clear();
    }

    @Test
    void theTestModuleProviderIsOnTheModulePathNotTheClassPath() {
        // On the class path a module-info's "provides" is ignored and the plugin has no META-INF/services, so
        // finding it at all proves the module path; its module name says so explicitly.
        assertThat(ServiceLoader.load(AnnouncerProvider.class).stream()
                .filter(p -> p.type().getModule().getName() != null)
                .filter(p -> p.type().getModule().getName().equals("io.metallb.testannouncer")).count())
                .isEqualTo(1);
        assertThat(Recordings.class.getModule().isNamed()).isTrue();
    }

    @Test
    void layer2SetFollowsLivenessSelectorsAndLocalEndpoints() throws Exception {
        apply(client, object("L2Advertisement", "l2", Map.of()));
        start("layer2");
        Announcement web = new Announcement(WEB, IpAddress.parse(WEB_IP), "prod", List.of("l2"));

        String owner = owner(NODES);
        await("only the elected node holds exactly web", () -> exactly(Map.of(owner, Set.of(web))));

        Set<String> rest = new HashSet<>(NODES);
        rest.remove(owner);
        live.set(rest);
        String next = owner(rest);
        await("the next live node takes over", () -> exactly(Map.of(next, Set.of(web))));

        live.set(NODES);
        client.services().inNamespace("default").withName("web").edit(s -> new ServiceBuilder(s).editSpec()
                .withExternalTrafficPolicy("Local").endSpec().build());
        await("Local traffic: only the endpoint's node", () -> exactly(Map.of("n1", Set.of(web))));

        apply(client, object("L2Advertisement", "l2", Map.of("nodeSelectors",
                List.of(Map.of("matchLabels", Map.of("zone", "b"))))));
        await("the selector leaves no node with a local endpoint", () -> exactly(Map.of()));

        client.services().inNamespace("default").withName("web").edit(s -> new ServiceBuilder(s).editSpec()
                .withExternalTrafficPolicy("Cluster").endSpec().build());
        Announcement selected = new Announcement(WEB, IpAddress.parse(WEB_IP), "prod", List.of("l2"));
        await("Cluster traffic: the only selected node announces", () -> exactly(Map.of("n2", Set.of(selected))));
        assertThat(Recordings.created("n1")).isEqualTo(1);
    }

    @Test
    void bgpSetFollowsNodeLabelsSelectorsAndEndpoints() throws Exception {
        apply(client, object("BGPPeer", "router", Map.of("myASN", 64500, "peerASN", 64501,
                "peerAddress", "198.51.100.254")));
        apply(client, object("BGPAdvertisement", "bgp", Map.of("nodeSelectors",
                List.of(Map.of("matchLabels", Map.of("zone", "a"))))));
        start("bgp");
        Set<Announcement> web = Set.of(new Announcement(WEB, IpAddress.parse(WEB_IP), "prod", List.of("bgp")));

        await("zone a announces", () -> exactly(Map.of("n1", web, "n3", web)));
        assertThat(Recordings.lastConfig("n1").orElseThrow().bgpPeers()).containsOnlyKeys("router");

        client.nodes().withName("n2").edit(n -> new NodeBuilder(n).editMetadata().addToLabels("zone", "a")
                .endMetadata().build());
        await("a relabelled node joins", () -> exactly(Map.of("n1", web, "n2", web, "n3", web)));

        client.services().inNamespace("default").withName("web").edit(s -> new ServiceBuilder(s).editSpec()
                .withExternalTrafficPolicy("Local").endSpec().build());
        await("Local traffic: only the endpoint's node", () -> exactly(Map.of("n1", web)));

        client.discovery().v1().endpointSlices().inNamespace("default").withName("web-1").edit(s -> {
            s.getEndpoints().get(0).getConditions().setReady(false);
            return s;
        });
        await("no ready endpoint: nothing announced", () -> exactly(Map.of()));
    }

    @Test
    void passwordSecretsAreResolvedPerPeerAndABadOneLeavesOnlyItsPeerOut() throws Exception {
        client.secrets().inNamespace(NS).resource(secret("a-pw", PeerPasswords.BASIC_AUTH, "s3cret")).create();
        client.secrets().inNamespace(NS).resource(secret("opaque", "Opaque", "x")).create();
        apply(client, peer("a", "a-pw"));
        apply(client, peer("b", "b-pw"));
        apply(client, peer("c", "opaque"));
        apply(client, object("BGPAdvertisement", "bgp", Map.of()));
        start("bgp");

        await("n1 got the config with only peer a", () -> Recordings.lastConfig("n1")
                .filter(c -> c.bgpPeers().keySet().equals(Set.of("a"))).isPresent());
        assertThat(Recordings.lastConfig("n1").orElseThrow().bgpPeers().get("a").password()).contains("s3cret");
        assertThat(speakers.get(0).peerErrors()).containsOnlyKeys("b", "c");
        assertThat(speakers.get(0).peerErrors().get("b")).isEqualTo("passwordSecret \"" + NS + "/b-pw\": not found");
        assertThat(speakers.get(0).peerErrors().get("c")).isEqualTo("passwordSecret \"" + NS
                + "/opaque\": type \"Opaque\" (expected: \"kubernetes.io/basic-auth\")");
        await("a Warning event on each bad peer from each node", () -> client.v1().events().inNamespace(NS).list()
                .getItems().stream().filter(e -> "InvalidPasswordSecret".equals(e.getReason())
                        && "BGPPeer".equals(e.getInvolvedObject().getKind())
                        && "Warning".equals(e.getType()))
                .map(e -> e.getInvolvedObject().getName()).toList().size() == 6);
        assertThat(Recordings.last("n2")).isNotEmpty();

        client.secrets().inNamespace(NS).resource(secret("b-pw", PeerPasswords.BASIC_AUTH, "other")).create();
        await("the new Secret brings peer b in with its password", () -> NODES.stream()
                .allMatch(n -> Recordings.lastConfig(n).map(c -> c.bgpPeers().get("b"))
                        .filter(b -> b.password().equals(Optional.of("other"))).isPresent()));
        assertThat(speakers.get(0).peerErrors()).containsOnlyKeys("c");
    }

    private static io.fabric8.kubernetes.api.model.Secret secret(String name, String type, String password) {
        return new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().withType(type)
                .addToData("username", java.util.Base64.getEncoder().encodeToString("metallb".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)))
                .addToData("password", java.util.Base64.getEncoder().encodeToString(password.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    private static GenericKubernetesResource peer(String name, String secret) {
        return object("BGPPeer", name, Map.of("myASN", 64500, "peerASN", 64501, "peerAddress",
                "198.51.100.25" + (name.charAt(0) - 'a'), "passwordSecret", Map.of("name", secret)));
    }

    /** Every node's recorded set equals {@code expected} (nodes not named hold an empty set). */
    private static boolean exactly(Map<String, Set<Announcement>> expected) {
        return NODES.stream().allMatch(n -> Recordings.last(n).equals(expected.getOrDefault(n, Set.of())));
    }

    /** What the speakers hand their announcers (metallb speaker --announcer-option). */
    private static final Map<String, String> OPTIONS = Map.of("layer2.exclude-interfaces", "docker.*,veth.*");

    @Test
    void theAnnouncersGetTheSpeakersAnnouncerOptions() throws Exception {
        apply(client, object("L2Advertisement", "l2", Map.of()));
        start("layer2");
        String owner = owner(NODES);
        await("the elected node announces", () -> !Recordings.last(owner).isEmpty());
        assertThat(Recordings.options(owner)).isEqualTo(OPTIONS);
    }

    private void start(String protocol) throws Exception {
        for (String n : List.of("n1", "n2", "n3")) {
            KubernetesSpeaker s = KubernetesSpeaker.withInstalledAnnouncers(client, new KubernetesSpeaker.Options(
                    NS, n, Optional.empty(), Map.of(protocol, Recordings.PROTOCOL), OPTIONS), Optional.of(live));
            speakers.add(s);
            s.start(20, TimeUnit.SECONDS);
        }
    }

    private static String owner(Set<String> candidates) {
        return L2Election.owner(IpAddress.parse(WEB_IP), candidates).orElseThrow();
    }

}
