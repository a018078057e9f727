package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.SharedInformerFactory;
import io.metallb.api.config.Config;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.node.Node;
import io.metallb.api.selector.LabelSelector;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.api.spi.ClusterSource.EventType;
import io.metallb.api.spi.Membership;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * MetalLB's speaker on Kubernetes for one node: from the config, Services with their addresses, EndpointSlices,
 * Nodes and the live-node set it computes the complete desired announcements of this node per protocol
 * ({@link AnnouncementPlan}) and hands each set to that protocol's {@link Announcer}, found among the
 * {@link AnnouncerProvider}s by {@link AnnouncerProvider#protocol()}. A protocol the config needs and no provider
 * offers is an error, logged and reported as an {@code announceFailed} event on each service it leaves
 * unannounced, never a silent drop.
 *
 * <p>Level-triggered like the controller: every change queues one key, and the single worker recomputes the whole
 * plan. It writes a ServiceL2Status for each service this node announces over layer 2, and a {@code nodeAssigned}
 * event only when this node starts announcing a service (MetalLB sends one on every reconcile).
 */
public final class KubernetesSpeaker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KubernetesSpeaker.class.getName());
    static final String COMPONENT = "metallb-speaker";

    /**
     * @param namespace where MetalLB's config and the speakers' status objects live
     * @param nodeName the node this speaker runs on
     * @param loadBalancerClass {@code --lb-class}: empty serves services without a class
     * @param implementations which provider's protocol implements a protocol of the config ({@code layer2},
     *     {@code bgp}), like MetalLB's {@code --bgp-type}; a protocol not listed is implemented by the provider
     *     of the same name
     * @param announcerOptions handed to every announcer ({@link AnnouncerContext#options()}), e.g.
     *     {@code layer2.exclude-interfaces}
     */
    public record Options(String namespace, String nodeName, Optional<String> loadBalancerClass,
            Map<String, String> implementations, Map<String, String> announcerOptions) {
        public Options {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(nodeName, "nodeName");
            Objects.requireNonNull(loadBalancerClass, "loadBalancerClass");
            implementations = Map.copyOf(implementations);
            announcerOptions = Map.copyOf(announcerOptions);
        }

        /** No announcer options. */
        public Options(String namespace, String nodeName, Optional<String> loadBalancerClass,
                Map<String, String> implementations) {
            this(namespace, nodeName, loadBalancerClass, implementations, Map.of());
        }

        /** Each protocol implemented by the provider of its own name. */
        public Options(String namespace, String nodeName, Optional<String> loadBalancerClass) {
            this(namespace, nodeName, loadBalancerClass, Map.of());
        }

        /** The provider protocol that announces {@code protocol}. */
        public String implementation(String protocol) {
            return implementations.getOrDefault(protocol, protocol);
        }
    }

    private static final Object SYNC = "sync";

    private final KubernetesClient client;
    private final Options options;
    private final Map<String, AnnouncerProvider> providers = new HashMap<>();
    private final Optional<Membership> membership;
    private final Metrics metrics;
    private final WorkQueue<Object> queue;
    private final EventRecorder events;
    private final SpeakerStatusWriter l2Status;
    private final SpeakerStatusWriter bgpStatus;
    private final SharedInformerFactory factory;
    private SharedIndexInformer<io.fabric8.kubernetes.api.model.Service> services;
    private SharedIndexInformer<GenericKubernetesResource> nodes;
    private SharedIndexInformer<EndpointSlice> slices;
    private SharedIndexInformer<Secret> secrets;
    private ConfigInformers config;
    private Config current;
    private final Map<String, Announcer> announcers = new TreeMap<>();
    private Set<String> announced = Set.of();
    private volatile Set<String> missingProtocols = Set.of();
    private volatile Map<String, String> peerErrors = Map.of();
    /** Set once every cache is filled: a plan from half-filled caches would withdraw and re-elect wrongly. */
    private volatile boolean synced;
    private final CompletableFuture<Void> failed = new CompletableFuture<>();

    /**
     * @param providers the announcer providers to choose from, normally
     *     {@code ServiceLoader.load(AnnouncerProvider.class)}
     * @param membership who is alive; empty means every known node (MetalLB with memberlist disabled)
     */
    public KubernetesSpeaker(KubernetesClient client, Options options, Iterable<AnnouncerProvider> providers,
            Optional<Membership> membership) {
        this(client, options, providers, membership, Metrics.NONE);
    }

    /** A speaker reporting to {@code metrics}, and handing {@link Metrics#announcerMetrics()} to its announcers. */
    public KubernetesSpeaker(KubernetesClient client, Options options, Iterable<AnnouncerProvider> providers,
            Optional<Membership> membership, Metrics metrics) {
        this.client = client;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.options = options;
        for (AnnouncerProvider p : providers) {
            AnnouncerProvider clash = this.providers.putIfAbsent(p.protocol(), p);
            if (clash != null) {
                throw new IllegalStateException("two announcer providers for protocol \"" + p.protocol() + "\": "
                        + clash.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        this.membership = membership;
        this.queue = new WorkQueue<>("metallb-speaker", k -> countedSync());
        this.events = new EventRecorder(client, COMPONENT);
        this.l2Status = new SpeakerStatusWriter(client, SpeakerStatusWriter.L2, options.namespace(),
                options.nodeName());
        this.bgpStatus = new SpeakerStatusWriter(client, SpeakerStatusWriter.BGP, options.namespace(),
                options.nodeName());
        this.factory = client.informers();
    }

    /**
     * A speaker using the announcers installed on the module path ({@code ServiceLoader}), as the distribution
     * runs it: {@code layer2} from metallb-l2, {@code bgp} from metallb-bgp, or any plugin.
     */
    public static KubernetesSpeaker withInstalledAnnouncers(KubernetesClient client, Options options,
            Optional<Membership> membership) {
        return withInstalledAnnouncers(client, options, membership, Metrics.NONE);
    }

    /** As {@link #withInstalledAnnouncers(KubernetesClient, Options, Optional)}, reporting to {@code metrics}. */
    public static KubernetesSpeaker withInstalledAnnouncers(KubernetesClient client, Options options,
            Optional<Membership> membership, Metrics metrics) {
        return new KubernetesSpeaker(client, options, ServiceLoader.load(AnnouncerProvider.class), membership,
                metrics);
    }

    /** True once the caches are filled and the speaker announces from them. */
    public boolean isStarted() {
        return synced;
    }

    /**
     * Completes exceptionally if an informer fails after its first list, when its watch cannot open (fabric8 then
     * gives the informer up): the caches stop following the cluster, and the speaker should be restarted.
     */
    public CompletableFuture<Void> failed() {
        return failed;
    }

    private void informerFailed(Throwable failure) {
        LOG.log(Level.ERROR, "an informer stopped after its first list (its watch could not open): " + failure);
        failed.completeExceptionally(failure);
    }

    /** Starts the informers, waits for their caches, then announces. */
    public void start(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        start(timeout, unit, () -> CompletableFuture.completedFuture(null));
    }

    /**
     * As {@link #start(long, TimeUnit)}, and announces only once the future {@code alsoReady} gives is done too:
     * the caller's membership (e.g. {@link ReadySpeakers#start}) fills its cache at the same time as this speaker's
     * instead of before it, and no sync runs on a live set not read yet. It is called after the first list, as the
     * other informers start (see {@link Listed#first}).
     */
    public void start(long timeout, TimeUnit unit, Supplier<? extends CompletableFuture<?>> alsoReady)
            throws InterruptedException, TimeoutException {
        // The speaker writes none of these back: their caches keep them without managedFields and the like.
        services = ReadOnlyStore.of(factory.sharedIndexInformerFor(io.fabric8.kubernetes.api.model.Service.class,
                0));
        nodes = ReadOnlyStore.of(client.genericKubernetesResources(MetalLbResources.NODES).runnableInformer(0));
        slices = ReadOnlyStore.of(factory.sharedIndexInformerFor(EndpointSlice.class, 0));
        // Only MetalLB's namespace: that is where a BGPPeer's passwordSecret must be.
        secrets = client.secrets().inNamespace(options.namespace()).runnableInformer(0);
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (SharedIndexInformer<?> i : List.of(secrets, services, nodes, slices)) {
            i.addEventHandler(OnAnyChange.of(o -> queue.add(SYNC)));
        }
        config = new ConfigInformers(client, options.namespace(), OnAnyChange.of(o -> queue.add(SYNC)));
        membership.ifPresent(m -> m.subscribe(live -> queue.add(SYNC)));
        try {
            // The first list alone (the smallest: MetalLB's Secrets), then the others: see Listed.first.
            started.add(Listed.first(secrets, this::informerFailed, deadline));
            started.add(alsoReady.get().thenRun(() -> { }));
            for (SharedIndexInformer<?> i : List.of(services, nodes, slices)) {
                started.add(Listed.start(i, this::informerFailed));
            }
            started.addAll(config.start(i -> Listed.start(i, this::informerFailed)));
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("informers failed to start: " + e.getCause(), e.getCause());
        } finally {
            started.forEach(f -> f.cancel(false));
        }
        synced = true;
        queue.add(SYNC);
    }

    /** Per BGPPeer left out because its passwordSecret cannot be used, why; as of the last sync. */
    public Map<String, String> peerErrors() {
        return peerErrors;
    }

    /** Protocols the config needs that no provider offers, as of the last sync. */
    public Set<String> missingProtocols() {
        return missingProtocols;
    }

    private void countedSync() {
        try {
            sync();
            metrics.update(false);
        } catch (RuntimeException e) {
            metrics.update(true);
            throw e;
        }
    }

    private void sync() {
        if (!synced) {
            return;
        }
        ConfigSources.Chosen chosen = config.read();
        metrics.config(chosen.result() instanceof ConfigResult.Valid);
        if (chosen.result() instanceof ConfigResult.Valid valid) {
            current = valid.config();
        } else {
            LOG.log(Level.ERROR, "config refused, " + (current == null ? "nothing is announced until a valid "
                    + "config is given" : "the last good config keeps running") + ":\n"
                    + ((ConfigResult.Invalid) chosen.result()).describe());
        }
        if (current == null) {
            return;
        }
        Config effective = resolvePasswords();
        Map<ServiceKey, Service> byKey = new HashMap<>();
        Map<ServiceKey, io.fabric8.kubernetes.api.model.Service> raw = new HashMap<>();
        for (var s : services.getStore().list()) {
            Service service = Trees.service(client, s);
            byKey.put(service.key(), service);
            raw.put(service.key(), s);
        }
        Map<String, Node> nodeMap = new HashMap<>();
        nodes.getStore().list().forEach(n -> nodeMap.put(n.getMetadata().getName(), ClusterObjects.node(n)));
        Set<String> live = membership.map(Membership::liveNodes).orElse(nodeMap.keySet());
        AnnouncementPlan plan = AnnouncementPlan.compute(effective, options.nodeName(), byKey,
                ClusterObjects.endpoints(slices.getStore().list()), nodeMap, live, options.loadBalancerClass());
        Set<String> missing = new TreeSet<>();
        Set<String> nowAnnounced = new HashSet<>();
        Set<String> protocols = new TreeSet<>(plan.announcements().keySet());
        protocols.addAll(announcers.keySet());
        for (String protocol : protocols) {
            Set<Announcement> desired = plan.announcements().getOrDefault(protocol, Set.of());
            Optional<Announcer> announcer = announcer(protocol, nodeMap.get(options.nodeName()));
            if (announcer.isEmpty()) {
                missing.add(protocol);
                reportMissing(protocol, desired, raw);
                metrics.announced(options.nodeName(), protocol, Set.of());
                continue;
            }
            announcer.get().apply(effective, desired);
            metrics.announced(options.nodeName(), protocol, desired);
            for (Announcement a : desired) {
                nowAnnounced.add(protocol + " " + a.service());
                if (!announced.contains(protocol + " " + a.service())) {
                    events.forget("Service", a.service().namespace(), a.service().name());
                    events.record(reference(raw.get(a.service())), EventType.NORMAL, "nodeAssigned",
                            "announcing from node \"" + options.nodeName() + "\" with protocol \"" + protocol + "\"");
                }
            }
        }
        announced = nowAnnounced;
        missingProtocols = Set.copyOf(missing);
        l2Status.write(l2StatusFields(plan.announcements().getOrDefault(AnnouncementPlan.LAYER2, Set.of()),
                Optional.ofNullable(announcers.get(AnnouncementPlan.LAYER2))));
        Map<ServiceKey, Map<String, Object>> bgp = new HashMap<>();
        Node me = nodeMap.get(options.nodeName());
        plan.announcements().getOrDefault(AnnouncementPlan.BGP, Set.of())
                .forEach(a -> bgp.merge(a.service(), Map.of("peers", peers(effective, a, me)), (x, y) -> x));
        bgpStatus.write(bgp);
    }

    /**
     * ServiceL2Status {@code interfaces} per service: the interfaces the layer 2 announcer reports answering on
     * for the service's addresses ({@link AnnouncementStatus#targets()}), as MetalLB's {@code [{name: eth0}]}.
     */
    private static Map<ServiceKey, Map<String, Object>> l2StatusFields(Set<Announcement> desired,
            Optional<Announcer> announcer) {
        Map<Announcement, AnnouncementStatus> status = announcer.map(Announcer::status).orElse(Map.of());
        Map<ServiceKey, Set<String>> interfaces = new HashMap<>();
        for (Announcement a : desired) {
            Set<String> names = interfaces.computeIfAbsent(a.service(), k -> new TreeSet<>());
            AnnouncementStatus st = status.get(a);
            if (st != null && st.state() == AnnouncementStatus.State.ANNOUNCED) {
                names.addAll(st.targets());
            }
        }
        Map<ServiceKey, Map<String, Object>> out = new HashMap<>();
        interfaces.forEach((key, names) -> out.put(key, Map.of("interfaces",
                names.stream().map(n -> Map.of("name", n)).toList())));
        return out;
    }

    /**
     * The BGPPeers an announcement goes to from this node: sessions that run here (a node selector matches, or
     * none is given) and that its advertisements name (an advertisement naming no peer goes to all).
     */
    private static List<String> peers(Config current, Announcement a, Node me) {
        Set<String> named = new TreeSet<>();
        boolean all = false;
        for (String ad : a.advertisements()) {
            var adv = current.bgpAdvertisements().get(ad);
            if (adv == null || adv.peers().isEmpty()) {
                all = true;
            } else {
                named.addAll(adv.peers());
            }
        }
        boolean toAll = all;
        return current.bgpPeers().values().stream()
                .filter(p -> LabelSelector.anyMatches(p.nodeSelectors(), me.labels()))
                .map(p -> p.name()).filter(n -> toAll || named.contains(n)).toList();
    }

    /**
     * The config with each BGPPeer's passwordSecret resolved; a peer whose Secret is missing or wrong is left
     * out, with a Warning event {@code InvalidPasswordSecret} on the BGPPeer (once per distinct error).
     */
    private Config resolvePasswords() {
        PeerPasswords resolved = PeerPasswords.resolve(current, options.namespace(),
                name -> Optional.ofNullable(secrets.getStore().getByKey(options.namespace() + "/" + name)));
        peerErrors.keySet().stream().filter(p -> !resolved.errors().containsKey(p))
                .forEach(p -> events.forget("BGPPeer", options.namespace(), p));
        resolved.errors().forEach((peer, error) -> events.record(new ObjectReferenceBuilder()
                .withApiVersion(MetalLbResources.GROUP + "/v1beta2").withKind("BGPPeer")
                .withNamespace(options.namespace()).withName(peer).build(), EventType.WARNING,
                "InvalidPasswordSecret", "BGP session not opened from node \"" + options.nodeName() + "\": "
                        + error));
        peerErrors = resolved.errors();
        return resolved.config();
    }

    private Optional<Announcer> announcer(String protocol, Node myNode) {
        Announcer existing = announcers.get(protocol);
        if (existing != null) {
            return Optional.of(existing);
        }
        AnnouncerProvider provider = providers.get(options.implementation(protocol));
        if (provider == null) {
            return Optional.empty();
        }
        Announcer created = provider.create(new AnnouncerContext(options.nodeName(),
                myNode == null ? Map.of() : myNode.labels(), options.announcerOptions(), metrics.announcerMetrics()));
        announcers.put(protocol, created);
        return Optional.of(created);
    }

    private void reportMissing(String protocol, Set<Announcement> desired,
            Map<ServiceKey, io.fabric8.kubernetes.api.model.Service> raw) {
        String implementation = options.implementation(protocol);
        String message = "no announcer for protocol \"" + protocol + "\" on node \"" + options.nodeName()
                + "\": put a module providing io.metallb.api.spi.AnnouncerProvider for \"" + implementation
                + "\" on the module path (found: " + new TreeSet<>(providers.keySet()) + ")";
        LOG.log(Level.ERROR, message + "; " + desired.size() + " announcements not made");
        desired.stream().map(Announcement::service).distinct()
                .forEach(k -> events.record(reference(raw.get(k)), EventType.WARNING, "announceFailed", message));
    }

    private static io.fabric8.kubernetes.api.model.ObjectReference reference(
            io.fabric8.kubernetes.api.model.Service s) {
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Service")
                .withNamespace(s.getMetadata().getNamespace()).withName(s.getMetadata().getName())
                .withUid(s.getMetadata().getUid()).build();
    }

    /** Withdraws everything this node announces and stops. */
    @Override
    public void close() {
        // Announcers are used from the worker thread only, so they are closed there, after the work in hand.
        queue.run(() -> announcers.forEach((protocol, a) -> {
            a.close();
            metrics.announced(options.nodeName(), protocol, Set.of());
        }));
        queue.close();
        factory.stopAllRegisteredInformers();
        if (secrets != null) {
            secrets.stop();
        }
        if (nodes != null) {
            nodes.stop();
        }
        if (config != null) {
            config.stop();
        }
    }
}
