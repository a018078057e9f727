package io.metallb.distribution.standalone;

import io.metallb.api.config.Config;
import io.metallb.k8s.Metrics;
import io.metallb.k8s.PeerPasswords;
import io.metallb.api.config.ConfigResult;
import io.metallb.api.node.Node;
import io.metallb.api.service.ServiceKey;
import io.metallb.api.spi.Allocator;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.AnnouncerContext;
import io.metallb.api.spi.AnnouncerProvider;
import io.metallb.api.spi.Assignment;
import io.metallb.api.spi.Reconciliation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The standalone loop on one thread: read the file, allocate, record the state, announce; then, on each
 * {@link #poll}, do it again if the file's content changed (compared by SHA-256, so an editor's rename-over or an
 * mtime-only touch are both handled right). An invalid edit is logged, every error naming object and field, and
 * the last good file keeps running, config and Services alike. Everything it decides is logged as one line.
 */
public final class StandaloneRunner implements AutoCloseable {

    /**
     * @param implementations which provider announces a protocol of the config, e.g. {@code layer2=example};
     *     a protocol not listed is announced by the provider of its own name
     * @param announcerOptions handed to every announcer ({@link AnnouncerContext#options()})
     */
    public record Options(Path file, String node, Map<String, String> nodeLabels, Map<String, String> implementations,
            Map<String, String> announcerOptions) {
        public Options {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(node, "node");
            nodeLabels = Map.copyOf(nodeLabels);
            implementations = Map.copyOf(implementations);
            announcerOptions = Map.copyOf(announcerOptions);
        }
    }

    /** How the first reading went. */
    public enum Start { RUNNING, INVALID, UNREADABLE }

    private final Options options;
    private final StateFile state;
    private final Map<String, AnnouncerProvider> providers = new TreeMap<>();
    private final Map<String, Announcer> announcers = new TreeMap<>();
    private final Consumer<String> log;
    private final Metrics metrics;
    private final Allocator allocator;
    private Assignments assignments;
    private byte[] lastHash = new byte[0];
    private Config config = Config.EMPTY;
    /** {@link #config} with each BGPPeer's passwordSecret resolved, peers whose Secret is unusable left out. */
    private Config announced = Config.EMPTY;
    private Map<String, String> peerErrors = Map.of();
    private NodePlan plan = new NodePlan(new TreeMap<>(), new TreeMap<>());
    private final Map<ServiceKey, String> failures = new HashMap<>();
    private final Map<String, Map<Announcement, AnnouncementStatus.State>> reported = new TreeMap<>();
    private Set<String> missing = Set.of();

    public StandaloneRunner(Options options, Allocator allocator, Iterable<AnnouncerProvider> providers,
            Consumer<String> log) {
        this(options, allocator, providers, log, new Metrics() { });
    }

    /**
     * As above, reporting MetalLB's series to {@code metrics} ({@code metallb standalone --metrics-port}): config
     * loaded/stale, pool usage, what this host announces and the announcers' own counters.
     */
    public StandaloneRunner(Options options, Allocator allocator, Iterable<AnnouncerProvider> providers,
            Consumer<String> log, Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.options = options;
        this.state = StateFile.beside(options.file());
        this.allocator = allocator;
        this.log = log;
        for (AnnouncerProvider p : providers) {
            if (this.providers.putIfAbsent(p.protocol(), p) != null) {
                throw new IllegalStateException("two announcer providers for protocol \"" + p.protocol() + "\"");
            }
        }
    }

    /** Reads the state file and the config file and applies them; nothing runs unless this gives RUNNING. */
    public Start start() {
        try {
            assignments = new Assignments(allocator, state.read());
        } catch (IOException e) {
            log.accept("error: state file " + e.getMessage() + " (fix or remove it; nothing was changed)");
            return Start.UNREADABLE;
        }
        log.accept("state file " + state.path() + (state.exists() ? "" : " (new)") + "; node " + options.node()
                + " labels " + new TreeMap<>(options.nodeLabels()) + "; announcers " + providers.keySet());
        return reload(true);
    }

    /** Re-reads the file; applies it when its content changed and it is valid. */
    public void poll() {
        reload(false);
        reportStatus();
    }

    private Start reload(boolean first) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(options.file());
        } catch (IOException e) {
            log.accept("error: cannot read " + options.file() + ": " + e + (first ? ""
                    : "; the last good config keeps running"));
            return Start.UNREADABLE;
        }
        byte[] hash = sha256(bytes);
        if (Arrays.equals(hash, lastHash)) {
            return Start.RUNNING;
        }
        lastHash = hash;
        StandaloneInput input;
        try {
            // Read again rather than parse the bytes hashed: a change in between is seen by the next poll.
            input = StandaloneInput.read(options.file());
        } catch (IOException e) {
            log.accept("error: " + e.getMessage() + (first ? "" : "; the last good config keeps running"));
            return Start.UNREADABLE;
        }
        if (!input.valid()) {
            var errors = input.allErrors();
            log.accept("error: " + options.file() + ": invalid, " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors")
                    + (first ? "" : "; the last good config keeps running"));
            errors.forEach(e -> log.accept("error:   " + e));
            metrics.config(false);
            return Start.INVALID;
        }
        log.accept((first ? "loaded " : "reloaded ") + options.file() + ": " + input.services().size()
                + " services, " + ((ConfigResult.Valid) input.config()).config().pools().size() + " pools");
        input.warnings().forEach(w -> log.accept("warning: " + w));
        apply(input, first);
        metrics.config(true);
        metrics.poolUsage(assignments.allocator().usage());
        return Start.RUNNING;
    }

    private void apply(StandaloneInput input, boolean first) {
        config = ((ConfigResult.Valid) input.config()).config();
        // As the speaker does: a peer whose Secret cannot be used is left out (its router would drop every SYN
        // without the TCP-MD5 key), the others go on.
        PeerPasswords passwords = PeerPasswords.resolveAnyNamespace(config, input::secret);
        if (!passwords.errors().equals(peerErrors)) {
            passwords.errors().forEach((peer, why) -> log.accept("error: BGPPeer \"" + peer + "\" left out: " + why));
        }
        peerErrors = passwords.errors();
        announced = passwords.config();
        SortedMap<ServiceKey, Assignment> before = new TreeMap<>(assignments.held());
        var outcomes = assignments.apply(config, input.services(), input::labelsOf);
        SortedMap<ServiceKey, Assignment> after = assignments.held();
        outcomes.forEach((key, o) -> {
            o.restoreRefusal().ifPresent(r -> log.accept("warning: " + key + ": state file address not kept: " + r));
            o.reconciliation().warnings().forEach(w -> log.accept("warning: " + key + ": " + w));
            if (o.reconciliation() instanceof Reconciliation.Failed f) {
                if (!f.reason().equals(failures.put(key, f.reason()))) {
                    log.accept("error: " + key + ": no address: " + f.reason());
                }
            } else {
                failures.remove(key);
            }
        });
        failures.keySet().retainAll(outcomes.keySet());
        before.forEach((key, a) -> {
            if (!after.containsKey(key)) {
                log.accept("released " + key + " " + ips(a));
            }
        });
        after.forEach((key, a) -> {
            if (!a.equals(before.get(key))) {
                log.accept("assigned " + key + " " + ips(a) + " from pool \"" + a.pool() + "\"");
            } else if (first) {
                log.accept("kept " + key + " " + ips(a) + " from pool \"" + a.pool() + "\" (state file)");
            }
        });
        if (!after.equals(before) || !state.exists()) {
            try {
                state.write(after);
            } catch (IOException e) {
                log.accept("error: cannot write state file " + state.path() + ": " + e);
            }
        }
        announce(NodePlan.compute(config, Node.of(options.node(), options.nodeLabels()), input.services(), after));
    }

    private void announce(NodePlan next) {
        Set<String> protocols = new TreeSet<>(next.announcements().keySet());
        protocols.addAll(announcers.keySet());
        Set<String> nowMissing = new TreeSet<>();
        for (String protocol : protocols) {
            Set<Announcement> desired = next.announcements().getOrDefault(protocol, Set.of());
            Set<Announcement> previous = plan.announcements().getOrDefault(protocol, Set.of());
            Announcer announcer = announcers.get(protocol);
            if (announcer == null) {
                AnnouncerProvider provider = providers.get(options.implementations().getOrDefault(protocol, protocol));
                if (provider == null) {
                    nowMissing.add(protocol);
                    continue;
                }
                announcer = provider.create(new AnnouncerContext(options.node(), options.nodeLabels(),
                        options.announcerOptions(), metrics.announcerMetrics()));
                announcers.put(protocol, announcer);
            }
            announcer.apply(announced, desired);
            metrics.announced(options.node(), protocol, desired);
            for (Announcement a : desired) {
                if (!previous.contains(a)) {
                    log.accept("announcing " + a.service() + " " + a.address() + " by " + protocol + ": "
                            + why(next, a.service(), protocol));
                }
            }
            for (Announcement a : previous) {
                if (!desired.contains(a)) {
                    log.accept("withdrawing " + a.service() + " " + a.address() + " by " + protocol);
                }
            }
        }
        if (!nowMissing.equals(missing)) {
            nowMissing.forEach(p -> log.accept("error: no announcer for protocol \"" + p + "\": put a module "
                    + "providing io.metallb.api.spi.AnnouncerProvider for \"" + options.implementations()
                    .getOrDefault(p, p) + "\" on the module path (found: " + providers.keySet() + ")"));
        }
        missing = nowMissing;
        plan = next;
    }

    private static String why(NodePlan plan, ServiceKey key, String protocol) {
        return plan.decisions().getOrDefault(key, java.util.List.of()).stream()
                .filter(d -> d.protocol().equals(protocol)).map(NodePlan.Decision::why).findFirst().orElse("");
    }

    /** Logs each announcement whose state (pending, announced, failed) changed since the last report. */
    private void reportStatus() {
        announcers.forEach((protocol, announcer) -> {
            Map<Announcement, AnnouncementStatus.State> last = reported.computeIfAbsent(protocol, p -> new HashMap<>());
            Map<Announcement, AnnouncementStatus> now = announcer.status();
            now.forEach((a, s) -> {
                if (last.put(a, s.state()) != s.state()) {
                    log.accept(protocol + " " + a.service() + " " + a.address() + ": " + s.state().name()
                            .toLowerCase(java.util.Locale.ROOT) + (s.detail().isEmpty() ? "" : " (" + s.detail() + ")"));
                }
            });
            last.keySet().retainAll(now.keySet());
        });
    }

    /** What the allocator holds now, in key order. */
    public SortedMap<ServiceKey, Assignment> held() {
        return assignments == null ? new TreeMap<>() : assignments.held();
    }

    /** The current plan. */
    public NodePlan plan() {
        return plan;
    }

    /** Withdraws everything: each announcer closes (BGP routes withdrawn, ARP/NDP answers stopped). */
    @Override
    public void close() {
        announcers.forEach((protocol, announcer) -> {
            announcer.close();
            metrics.announced(options.node(), protocol, Set.of());
            log.accept("withdrew " + plan.announcements().getOrDefault(protocol, Set.of()).size()
                    + " announcements by " + protocol);
        });
        announcers.clear();
    }

    private static String ips(Assignment a) {
        return String.join(",", a.ips().stream().map(Object::toString).toList());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
