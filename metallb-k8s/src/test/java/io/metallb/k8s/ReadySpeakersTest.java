package io.metallb.k8s;

import static io.metallb.k8s.Fixtures.NS;
import static io.metallb.k8s.Fixtures.apply;
import static io.metallb.k8s.Fixtures.await;
import static io.metallb.k8s.Fixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.net.IpAddress;
import io.metallb.api.node.L2Election;
import io.metallb.testannouncer.Recordings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ReadySpeakersTest {

    private static final Map<String, String> SPEAKER = Map.of("app", "metallb", "component", "speaker");

    KubernetesClient client;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        Recordings.clear();
    }

    private ReadySpeakers readySpeakers() throws Exception {
        ReadySpeakers r = new ReadySpeakers(client, NS, SPEAKER);
        closing.add(r);
        r.start().get(20, TimeUnit.SECONDS);
        return r;
    }

    private void pod(String name, String node, Map<String, String> labels, boolean ready) {
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels(labels).endMetadata().withNewSpec().withNodeName(node).endSpec().withNewStatus()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build()).createOr(o -> o.update());
    }

    private void setReady(String name, boolean ready) {
        Pod p = client.pods().inNamespace(NS).withName(name).get();
        p.getStatus().getConditions().get(0).setStatus(ready ? "True" : "False");
        client.pods().inNamespace(NS).resource(p).updateStatus();
    }

    @Test
    void liveNodesAreTheNodesOfReadySpeakerPods() throws Exception {
        pod("speaker-a", "n1", SPEAKER, true);
        pod("speaker-b", "n2", SPEAKER, false);
        pod("other", "n3", Map.of("app", "other"), true);
        ReadySpeakers r = readySpeakers();
        List<Set<String>> heard = new CopyOnWriteArrayList<>();
        r.subscribe(heard::add);
        assertThat(r.liveNodes()).containsExactly("n1");

        setReady("speaker-b", true);
        await("n2 joins when its speaker is ready", () -> r.liveNodes().equals(Set.of("n1", "n2")));
        client.pods().inNamespace(NS).withName("speaker-a").delete();
        await("n1 leaves with its speaker", () -> r.liveNodes().equals(Set.of("n2")));
        assertThat(heard).containsExactly(Set.of("n1", "n2"), Set.of("n2"));
    }

    @Test
    void theLayer2OwnerIsElectedAmongNodesWithAReadySpeaker() throws Exception {
        String ip = "198.51.100.5";
        Fixtures.speakerCluster(client, ip);
        apply(client, object("L2Advertisement", "l2", Map.of()));
        for (String n : List.of("n1", "n2", "n3")) {
            pod("speaker-" + n, n, SPEAKER, true);
        }
        Set<String> nodes = Set.of("n1", "n2", "n3");
        for (String n : nodes) {
            KubernetesSpeaker s = KubernetesSpeaker.withInstalledAnnouncers(client, new KubernetesSpeaker.Options(
                    NS, n, Optional.empty(), Map.of("layer2", Recordings.PROTOCOL)), Optional.of(readySpeakers()));
            closing.add(s);
            s.start(20, TimeUnit.SECONDS);
        }
        String owner = L2Election.owner(IpAddress.parse(ip), nodes).orElseThrow();
        await("the elected node announces", () -> Recordings.nodesAnnouncing("web").equals(Set.of(owner)));

        setReady("speaker-" + owner, false);
        Set<String> rest = new java.util.HashSet<>(nodes);
        rest.remove(owner);
        String next = L2Election.owner(IpAddress.parse(ip), rest).orElseThrow();
        await("an unready speaker's node loses it", () -> Recordings.nodesAnnouncing("web").equals(Set.of(next)));
    }
}
