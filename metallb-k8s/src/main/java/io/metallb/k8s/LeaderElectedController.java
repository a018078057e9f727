package io.metallb.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link KubernetesController} only while this replica holds the coordination.k8s.io Lease, with fabric8's
 * LeaderElector, so several replicas can run and exactly one assigns. A new leader starts a fresh controller,
 * which restores every assignment from Service status before making any: a takeover changes no address.
 */
public final class LeaderElectedController implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LeaderElectedController.class.getName());

    /** Lease timings, as client-go's leader election takes them. */
    public record Timings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        /** client-go's defaults for controllers. */
        public static final Timings DEFAULT = new Timings(Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    static final String LEASE_NAME = "metallb-controller";

    private final KubernetesClient client;
    private final KubernetesController.Options options;
    private final String identity;
    private final Timings timings;
    private final Metrics metrics;
    private volatile CompletableFuture<?> election;
    private volatile KubernetesController active;

    public LeaderElectedController(KubernetesClient client, KubernetesController.Options options, String identity,
            Timings timings) {
        this(client, options, identity, timings, Metrics.NONE);
    }

    /** An elected controller whose active controller reports to {@code metrics}. */
    public LeaderElectedController(KubernetesClient client, KubernetesController.Options options, String identity,
            Timings timings, Metrics metrics) {
        this.client = client;
        this.options = options;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.timings = timings;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Joins the election; returns at once. */
    public synchronized void start() {
        LeaderElectionConfig config = new LeaderElectionConfig(
                new LeaseLock(options.namespace(), LEASE_NAME, identity), timings.leaseDuration(),
                timings.renewDeadline(), timings.retryPeriod(),
                new LeaderCallbacks(this::lead, this::stepDown,
                        leader -> LOG.log(Level.INFO, identity + ": the leader is " + leader)),
                true, LEASE_NAME);
        election = client.leaderElector().withConfig(config).build().start();
    }

    private void lead() {
        LOG.log(Level.INFO, identity + ": leading, starting the controller");
        KubernetesController controller = new KubernetesController(client, options, metrics);
        active = controller;
        try {
            controller.start(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.ERROR, identity + ": controller failed to start: " + e, e);
            stepDown();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stepDown() {
        KubernetesController controller = active;
        active = null;
        if (controller != null) {
            LOG.log(Level.INFO, identity + ": no longer leading, controller stopped");
            controller.close();
        }
    }

    /** True while this replica leads and runs the controller. */
    public boolean isLeading() {
        return active != null;
    }

    /**
     * Ready for traffic: a standby (in the election, not leading) is, being where it should be; the leader is once
     * its controller has filled its caches and loaded a valid config.
     */
    public boolean isReady() {
        KubernetesController controller = active;
        return election != null && !election.isDone() && (controller == null || controller.isReady());
    }

    /**
     * Completes when this replica has left the election: closed, or out of it after losing the Lease (fabric8's
     * elector does not rejoin, so a process should exit and be restarted, as MetalLB's controller does).
     */
    public CompletableFuture<Void> left() {
        CompletableFuture<?> e = election;
        if (e == null) {
            throw new IllegalStateException("not started");
        }
        return e.handle((r, t) -> null);
    }

    /** The running controller, for tests. */
    KubernetesController active() {
        return active;
    }

    /** Leaves the election, releasing the Lease so a standby takes over at once. */
    @Override
    public synchronized void close() {
        if (election != null) {
            election.cancel(true);
        }
        stepDown();
    }
}
