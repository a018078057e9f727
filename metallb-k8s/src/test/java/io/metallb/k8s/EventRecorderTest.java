package io.metallb.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.metallb.api.spi.ClusterSource.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An event repeated on the same object is sent once, until the object is forgotten; objects stay apart. */
@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {

    KubernetesClient client;

    @Test
    void repeatsAreNotSentUntilTheObjectIsForgotten() {
        EventRecorder events = new EventRecorder(client, "metallb-speaker");
        ObjectReference one = service("svc-1");
        ObjectReference ten = service("svc-10");
        assertThat(events.record(one, EventType.NORMAL, "nodeAssigned", "announcing from node \"n1\"")).isTrue();
        assertThat(events.record(one, EventType.NORMAL, "nodeAssigned", "announcing from node \"n1\"")).isFalse();
        assertThat(events.record(ten, EventType.NORMAL, "nodeAssigned", "announcing from node \"n1\"")).isTrue();
        // Another reason on the same object, and another message for the same reason, are sent.
        assertThat(events.record(one, EventType.WARNING, "announceFailed", "no interface")).isTrue();
        assertThat(events.record(one, EventType.NORMAL, "nodeAssigned", "announcing from node \"n2\"")).isTrue();

        // Forgetting svc-1 (whose name prefixes svc-10's) leaves svc-10's events remembered.
        events.forget("Service", "a", "svc-1");
        assertThat(events.record(one, EventType.NORMAL, "nodeAssigned", "announcing from node \"n2\"")).isTrue();
        assertThat(events.record(ten, EventType.NORMAL, "nodeAssigned", "announcing from node \"n1\"")).isFalse();
        assertThat(events.record(one, EventType.WARNING, "announceFailed", "no interface")).isTrue();

        List<Event> sent = client.v1().events().inNamespace("a").list().getItems();
        assertThat(sent).hasSize(6);
        assertThat(sent).filteredOn(e -> e.getInvolvedObject().getName().equals("svc-10")).singleElement()
                .satisfies(e -> assertThat(e.getSource().getComponent()).isEqualTo("metallb-speaker"));
    }

    private static ObjectReference service(String name) {
        return new ObjectReferenceBuilder().withKind("Service").withNamespace("a").withName(name).withUid(name)
                .build();
    }
}
