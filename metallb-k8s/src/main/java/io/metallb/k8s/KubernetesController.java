package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.SharedInformerFactory;
import io.metallb.api.config.Config;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.net.IpAddress;
import io.metallb.api.service.Service;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.AllocatorProvider;
import io.metallb.api.spi.ClusterSource.EventType;
import io.metallb.api.spi.Reconciliation;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * MetalLB's controller on Kubernetes: watches the config (metallb.io objects, or the legacy ConfigMap), Services
 * and Namespaces through fabric8 informers and gives each LoadBalancer Service its addresses.
 *
 * <p>Informer callbacks only queue keys; one worker thread ({@link WorkQueue}) owns the allocator and does all
 * the work, reading the informers' caches, so it is level-triggered: repeated or missed events change nothing.
 * Nothing is decided before the first valid config is seen, and on that first config every assignment already
 * in Service status is restored into the allocator before any new one is made, so a restart or a leader change
 * keeps every address.
 */
public final class KubernetesController implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KubernetesController.class.getName());
    static final String COMPONENT = "metallb-controller";

    /**
     * @param namespace where MetalLB's config objects and the legacy ConfigMap live
     * @param loadBalancerClass {@code --lb-class}: empty serves services without a class
     */
    public record Options(String namespace, Optional<String> loadBalancerClass) {
        public Options {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(loadBalancerClass, "loadBalancerClass");
        }
    }

    /** What the worker is asked to do: re-read the config, or reconcile one service. */
    private sealed interface Work {
    }

    private record ConfigWork() implements Work {
    }

    private record ServiceWork(ServiceKey key) implements Work {
    }

    private record PoolStatusWork() implements Work {
    }

    private static final Work CONFIG = new ConfigWork();
    private static final Work POOL_STATUS = new PoolStatusWork();

    private final KubernetesClient client;
    private final Options options;
    private final Metrics metrics;
    private final Allocator allocator;
    private final ServiceWriter writer;
    private final EventRecorder events;
    private final ConfigurationStateWriter stateWriter;
    private final PoolStatusWriter poolStatus;
    private final WorkQueue<Work> queue;
    private final SharedInformerFactory factory;
    private SharedIndexInformer<io.fabric8.kubernetes.api.model.Service> services;
    private SharedIndexInformer<Namespace> namespaces;
    private ConfigInformers config;
    private boolean configured;
    /**
     * Set once every cache is filled. Before that nothing runs: restoring from a half-filled Service cache could
     * leave an address in use unrestored and give it to another service.
     */
    private volatile boolean synced;
    /** Services that could not get an address: retried whenever one is freed (MetalLB reprocesses all). */
    private final Set<ServiceKey> waiting = new TreeSet<>();
    private final AtomicLong reconciled = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong poolWrites = new AtomicLong();

    public KubernetesController(KubernetesClient client, Options options) {
        this(client, options, Metrics.NONE);
    }

    /** A controller reporting to {@code metrics}. */
    public KubernetesController(KubernetesClient client, Options options, Metrics metrics) {
        this.client = client;
        this.options = options;
        this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
        this.allocator = loadAllocator();
        this.writer = new ServiceWriter(client);
        this.events = new EventRecorder(client, COMPONENT);
        this.stateWriter = new ConfigurationStateWriter(client, options.namespace(), events);
        this.poolStatus = new PoolStatusWriter(client);
        this.queue = new WorkQueue<>("metallb-controller", this::handle);
        this.factory = client.informers();
    }

    private static Allocator loadAllocator() {
        AllocatorProvider provider = ServiceLoader.load(AllocatorProvider.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no io.metallb.api.spi.AllocatorProvider found: put "
                        + "metallb-allocator (or another allocator) on the module path"));
        LOG.log(Level.INFO, "allocator: " + provider.name());
        return provider.create();
    }

    /** Starts the informers, waits until their caches are filled, then starts reconciling. */
    public void start(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        services = factory.sharedIndexInformerFor(io.fabric8.kubernetes.api.model.Service.class, 0);
        services.addEventHandler(OnAnyChange.of(s -> queue.add(new ServiceWork(keyOf(s)))));
        namespaces = factory.sharedIndexInformerFor(Namespace.class, 0);
        namespaces.addEventHandler(OnAnyChange.of(ns -> servicesIn(ns.getMetadata().getName())));
        // Namespaced and generic informers are not what the factory makes; these come from the same DSL.
        config = new ConfigInformers(client, options.namespace(), OnAnyChange.of(o -> queue.add(CONFIG)));
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<CompletableFuture<Void>> started = new ArrayList<>();
        try {
            // Namespaces first, alone: one HTTP/2 connection for all, not one per informer (see Listed.first).
            started.add(namespaces.start().toCompletableFuture());
            started.get(0).get(timeout, unit);
            started.add(services.start().toCompletableFuture());
            started.addAll(config.start(i -> i.start().toCompletableFuture()));
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("informers failed to start: " + e.getCause(), e.getCause());
        }
        synced = true;
        queue.add(CONFIG);
    }

    private static ServiceKey keyOf(io.fabric8.kubernetes.api.model.Service s) {
        return new ServiceKey(s.getMetadata().getNamespace(), s.getMetadata().getName());
    }

    private void servicesIn(String namespace) {
        services.getStore().list().stream().filter(s -> namespace.equals(s.getMetadata().getNamespace()))
                .forEach(s -> queue.add(new ServiceWork(keyOf(s))));
    }

    /** Queues every service again, as a periodic resync does. */
    public void resync() {
        services.getStore().list().forEach(s -> queue.add(new ServiceWork(keyOf(s))));
    }

    /** True once every cache is filled and a valid config has been loaded: the controller is assigning. */
    public boolean isReady() {
        return synced && configured;
    }

    /** Services reconciled so far (for tests and metrics). */
    long reconciled() {
        return reconciled.get();
    }

    /** Service writes made so far: status updates and annotation patches. */
    long writes() {
        return writes.get();
    }

    /** IPAddressPool status writes made so far. */
    long poolStatusWrites() {
        return poolWrites.get();
    }

    private void handle(Work work) {
        if (!synced) {
            return;
        }
        try {
            if (work instanceof ServiceWork s) {
                if (configured) {
                    reconcile(s.key());
                    metrics.update(false);
                }
            } else if (work instanceof PoolStatusWork) {
                List<io.metallb.api.spi.PoolUsage> usage = allocator.usage();
                metrics.poolUsage(usage);
                poolWrites.addAndGet(poolStatus.write(usage, config::pool));
            } else {
                reloadConfig();
            }
        } catch (RuntimeException e) {
            metrics.update(true);
            throw e;
        }
    }

    private void reloadConfig() {
        ConfigSources.Chosen chosen = config.read();
        reportIgnoredConfigMap(chosen.warning());
        if (chosen.result() instanceof ConfigResult.Invalid invalid) {
            LOG.log(Level.ERROR, "config refused, " + (configured ? "the last good config keeps running"
                    : "no service is handled until a valid config is given") + ":\n" + invalid.describe());
            metrics.config(false);
            stateWriter.report(invalid, chosen.warning());
            return;
        }
        ConfigResult.Valid valid = (ConfigResult.Valid) chosen.result();
        valid.warnings().forEach(w -> LOG.log(Level.WARNING, "config: " + w));
        metrics.config(true);
        stateWriter.report(valid, chosen.warning());
        Config parsed = valid.config();
        if (configured && parsed.equals(allocator.config())) {
            return;
        }
        List<ServiceKey> released = allocator.setConfig(parsed);
        if (!released.isEmpty()) {
            LOG.log(Level.INFO, "config change released " + released);
        }
        if (!configured) {
            configured = true;
            restoreAll();
        }
        resync();
        queue.add(POOL_STATUS);
    }

    /**
     * Both config forms exist: said in the log and as a Warning event {@code ConfigMapIgnored} on the ConfigMap
     * (once while it lasts); the ConfigurationState shows it too.
     */
    private void reportIgnoredConfigMap(Optional<String> warning) {
        if (warning.isEmpty()) {
            events.forget("ConfigMap", options.namespace(), ConfigSources.LEGACY_NAME);
            return;
        }
        config.legacyConfigMap().ifPresent(cm -> events.record(new ObjectReferenceBuilder().withApiVersion("v1")
                .withKind("ConfigMap").withNamespace(options.namespace()).withName(ConfigSources.LEGACY_NAME)
                .withUid(cm.getMetadata().getUid()).build(), EventType.WARNING, "ConfigMapIgnored", warning.get()));
    }

    /**
     * Restores every assignment shown in Service status, services holding more addresses first (as MetalLB
     * does), before anything is allocated.
     */
    private void restoreAll() {
        StatusRestore.Result r = StatusRestore.restore(allocator, services.getStore().list().stream()
                .map(this::toService).toList(), this::namespaceLabels, options.loadBalancerClass());
        r.refused().forEach((key, why) -> LOG.log(Level.INFO, key + ": status not restored: " + why));
        LOG.log(Level.INFO, "restored " + (r.candidates() - r.refused().size()) + " of " + r.candidates()
                + " assignments from Service status");
    }

    private Service toService(io.fabric8.kubernetes.api.model.Service s) {
        return Trees.service(client, s);
    }

    private Map<String, String> namespaceLabels(String namespace) {
        Namespace ns = namespaces.getStore().getByKey(namespace);
        return ns == null || ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
    }

    private void reconcile(ServiceKey key) {
        reconciled.incrementAndGet();
        io.fabric8.kubernetes.api.model.Service cached = services.getStore().getByKey(key.namespace() + "/"
                + key.name());
        if (cached == null) {
            waiting.remove(key);
            if (allocator.assignment(key).isPresent()) {
                allocator.release(key);
                freed();
            }
            events.forget("Service", key.namespace(), key.name());
            return;
        }
        Service service = toService(cached);
        Reconciliation r = allocator.reconcile(service, namespaceLabels(key.namespace()),
                options.loadBalancerClass());
        ObjectReference ref = new ObjectReferenceBuilder().withApiVersion("v1").withKind("Service")
                .withNamespace(key.namespace()).withName(key.name()).withUid(cached.getMetadata().getUid())
                .build();
        r.warnings().forEach(w -> events.record(ref, EventType.WARNING, "deprecatedAnnotation", w));
        List<IpAddress> before = service.ingress();
        if (r instanceof Reconciliation.Assigned a) {
            waiting.remove(key);
            if (!a.changed()) {
                return;
            }
            List<IpAddress> ips = a.assignment().ips();
            if (!before.isEmpty() && !before.equals(ips)) {
                events.record(ref, EventType.NORMAL, "ClearAssignment", "current IP for \"" + key
                        + "\" not allowed by config, will attempt for new IP assignment");
            }
            writes.addAndGet(writer.write(cached, ips, a.assignment().pool()));
            queue.add(POOL_STATUS);
            if (!before.isEmpty() && !before.equals(ips)) {
                freed();
            }
            if (!before.equals(ips)) {
                events.record(ref, EventType.NORMAL, "IPAllocated", "Assigned IP " + goQuoted(ips));
            }
        } else if (r instanceof Reconciliation.Failed f) {
            RefusalEvent e = RefusalEvent.of(service, namespaceLabels(key.namespace()), f.reason());
            events.record(ref, EventType.WARNING, e.reason(), e.message());
            if (allocator.assignment(key).isEmpty()) {
                waiting.add(key);
                writes.addAndGet(writer.write(cached, List.of(), null));
                queue.add(POOL_STATUS);
            }
        } else if (r instanceof Reconciliation.NotOurs n && n.released()) {
            writes.addAndGet(writer.write(cached, List.of(), null));
            freed();
        }
    }

    /** Addresses were released: the pool counts change, and a waiting service may now get one. */
    private void freed() {
        queue.add(POOL_STATUS);
        waiting.forEach(k -> queue.add(new ServiceWork(k)));
    }

    /** Go's {@code %q} of a {@code []net.IP}, as MetalLB's event messages print it: {@code ["10.0.0.1"]}. */
    private static String goQuoted(List<IpAddress> ips) {
        return ips.stream().map(ip -> "\"" + ip + "\"").collect(Collectors.joining(" ", "[", "]"));
    }

    @Override
    public void close() {
        queue.close();
        factory.stopAllRegisteredInformers();
        if (config != null) {
            config.stop();
        }
    }
}
