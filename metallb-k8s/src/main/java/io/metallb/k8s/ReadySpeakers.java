package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.metallb.api.spi.Membership;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live-node set as MetalLB's speakers see it without memberlist: the nodes whose speaker Pod (found by label
 * selector in MetalLB's namespace) is Ready and not being deleted. Slow failure detection (the kubelet's readiness
 * probe and the node controller), until a faster {@link Membership} is plugged in.
 */
public final class ReadySpeakers implements Membership {

    private final SharedIndexInformer<GenericKubernetesResource> pods;
    private final CopyOnWriteArrayList<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Set<String> live = Set.of();
    private volatile CompletableFuture<Void> listed;
    private final CompletableFuture<Void> failed = new CompletableFuture<>();

    /**
     * @param namespace MetalLB's namespace, where the speaker DaemonSet runs
     * @param speakerLabels labels that select the speaker Pods, e.g. {@code app=metallb, component=speaker}
     */
    public ReadySpeakers(KubernetesClient client, String namespace, Map<String, String> speakerLabels) {
        pods = ReadOnlyStore.of(client.genericKubernetesResources(MetalLbResources.PODS).inNamespace(namespace)
                .withLabels(Map.copyOf(speakerLabels)).runnableInformer(0));
        pods.addEventHandler(OnAnyChange.of(p -> recompute()));
    }

    /** Starts watching; the future completes once the set reflects the Pods that exist (listed, {@link Listed}). */
    public CompletableFuture<Void> start() {
        listed = Listed.start(pods, failed::completeExceptionally);
        return listed.thenRun(this::recompute);
    }

    /**
     * Completes exceptionally if the Pod informer fails after its first list (its watch could not open): the live
     * set stops following the speaker Pods.
     */
    public CompletableFuture<Void> failed() {
        return failed;
    }

    private synchronized void recompute() {
        Set<String> now = nodesOfReady(pods.getStore().list());
        if (!now.equals(live)) {
            live = now;
            listeners.forEach(l -> l.accept(live));
        }
    }

    /** The nodes of the Pods that are Ready and not being deleted. */
    static Set<String> nodesOfReady(java.util.Collection<GenericKubernetesResource> speakerPods) {
        Set<String> now = new TreeSet<>();
        for (GenericKubernetesResource p : speakerPods) {
            if (p.get("spec", "nodeName") instanceof String node && p.getMetadata().getDeletionTimestamp() == null
                    && ClusterObjects.hasCondition(p, "Ready")) {
                now.add(node);
            }
        }
        return java.util.Collections.unmodifiableSet(now);
    }

    @Override
    public Set<String> liveNodes() {
        return live;
    }

    @Override
    public void subscribe(Consumer<Set<String>> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        if (listed != null) {
            listed.cancel(false);
        }
        pods.stop();
    }
}
