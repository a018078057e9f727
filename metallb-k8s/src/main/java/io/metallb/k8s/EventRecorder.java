package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.metallb.api.spi.ClusterSource.EventType;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Creates core/v1 Events with MetalLB's reasons. An event identical to the last one with the same reason on the
 * same object is not sent again: the controller is level-triggered and reconciles an unchanged service on every
 * resync, which must cost no request. Used from the controller's worker thread only.
 */
final class EventRecorder {

    private static final System.Logger LOG = System.getLogger(EventRecorder.class.getName());

    private final KubernetesClient client;
    private final String component;
    /** The last message of each reason, by object (kind/namespace/name). */
    private final Map<String, Map<String, String>> lastMessage = new HashMap<>();
    private long sequence;

    EventRecorder(KubernetesClient client, String component) {
        this.client = client;
        this.component = component;
    }

    /**
     * @param involved the object the event is about (kind, namespace, name, uid)
     * @return true when an event was created
     */
    boolean record(ObjectReference involved, EventType type, String reason, String message) {
        String object = involved.getKind() + "/" + involved.getNamespace() + "/" + involved.getName();
        if (Objects.equals(lastMessage.computeIfAbsent(object, o -> new HashMap<>(2)).put(reason, message),
                message)) {
            return false;
        }
        LOG.log(type == EventType.WARNING ? Level.WARNING : Level.INFO, object + ": " + reason + ": " + message);
        String now = Instant.now().toString();
        client.v1().events().inNamespace(involved.getNamespace()).resource(new EventBuilder()
                .withNewMetadata().withNamespace(involved.getNamespace())
                .withName(involved.getName() + "." + Long.toHexString(System.nanoTime()) + (sequence++))
                .endMetadata()
                .withInvolvedObject(involved).withReason(reason).withMessage(message)
                .withType(type.name().charAt(0) + type.name().substring(1).toLowerCase(Locale.ROOT))
                .withNewSource().withComponent(component).endSource()
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build()).create();
        return true;
    }

    /** Forgets the events of an object that is gone, so a new object of the same name hears them again. */
    void forget(String kind, String namespace, String name) {
        // One lookup: the speaker forgets each service it starts announcing, a scan per call grew with them all.
        lastMessage.remove(kind + "/" + namespace + "/" + name);
    }
}
