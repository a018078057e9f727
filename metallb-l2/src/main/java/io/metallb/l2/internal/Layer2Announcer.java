package io.metallb.l2.internal;

import io.metallb.api.config.Config;
import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.api.spi.MetricSink;
import io.metallb.l2.channel.PacketChannelFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code layer2} announcer. Every piece of state is owned by one thread, the single executor: {@link #apply}
 * hands the desired set over and waits for the world to match, gratuitous bursts run on it, and the responders'
 * receive threads only read immutable snapshots it publishes. The work is split by concern:
 * {@link PlacementPlan} (where each address is answered, pure), {@link InterfaceResponders} (the open responders),
 * {@link GratuitousScheduler} (bursts and re-announcement) and {@link InterfaceScanner} (eligible interfaces).
 */
public final class Layer2Announcer implements Announcer {

    private final InterfaceScanner scanner;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "l2-announcer");
        t.setDaemon(true);
        return t;
    });
    // Owned by the executor thread.
    private final InterfaceResponders responders;
    private final GratuitousScheduler gratuitous;
    private Config lastConfig;
    private Set<Announcement> lastDesired = Set.of();
    private List<String> lastEligible = List.of();
    // Written by the executor, read by anyone.
    private volatile Map<Announcement, AnnouncementStatus> status = Map.of();

    public Layer2Announcer(PacketChannelFactory channels, Layer2Settings settings) {
        this(channels, settings, MetricSink.NONE);
    }

    /** An announcer reporting MetalLB's {@code metallb_layer2_*} series (label {@code ip}) to {@code metrics}. */
    public Layer2Announcer(PacketChannelFactory channels, Layer2Settings settings, MetricSink metrics) {
        this.scanner = new InterfaceScanner(settings.sysClassNet(), settings.excludedInterfaces());
        this.responders = new InterfaceResponders(channels, settings.joinGroups(), settings.kernelResponder(), metrics);
        this.gratuitous = new GratuitousScheduler(executor, settings, responders, metrics);
        long rescanMs = settings.rescan().toMillis();
        executor.scheduleWithFixedDelay(this::rescan, rescanMs, rescanMs, TimeUnit.MILLISECONDS);
        if (settings.kernelResponder()) {
            // The kernel counts its answers in its map; they reach the metrics within a second.
            executor.scheduleWithFixedDelay(this::syncKernelCounters, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void apply(Config config, Set<Announcement> desired) {
        Set<Announcement> copy = Set.copyOf(desired);
        call(() -> reconcile(config, copy));
    }

    /** Applies the last desired set again when the eligible interfaces changed since. */
    private void rescan() {
        if (lastConfig != null && !scanner.scan().equals(lastEligible)) {
            reconcile(lastConfig, lastDesired);
        }
    }

    private void reconcile(Config config, Set<Announcement> desired) {
        List<String> eligible = scanner.scan();
        lastConfig = config;
        lastDesired = desired;
        lastEligible = eligible;
        PlacementPlan plan = PlacementPlan.of(config, desired, eligible);
        plan = plan.without(responders.open(plan.interfaces()));
        publish(plan.placed());
        status = plan.status();
    }

    /** Publishes the new placement: losses first (answers stop), then gains (answers start, bursts go out). */
    private void publish(Map<IpAddress, Set<String>> placed) {
        responders.own(placed);
        gratuitous.placed(placed);
        responders.closeUnused(placed);
    }

    /** A failure is logged, not thrown: a scheduled task that throws is never run again. */
    private void syncKernelCounters() {
        try {
            responders.syncKernelCounters();
        } catch (RuntimeException e) {
            System.getLogger(Layer2Announcer.class.getName()).log(System.Logger.Level.WARNING,
                    "layer2: cannot read the kernel responder's counters: " + e);
        }
    }

    @Override
    public Map<Announcement, AnnouncementStatus> status() {
        return status;
    }

    /** Replies sent and frames dropped by reason, summed over interfaces; for metrics and tests. */
    public Map<String, Long> counters() {
        return call(() -> {
            responders.syncKernelCounters();
            return responders.counters();
        });
    }

    @Override
    public void close() {
        if (executor.isShutdown()) {
            return;
        }
        call(() -> {
            lastConfig = null;
            publish(Map.of());
            gratuitous.stop();
            responders.close();
            status = Map.of();
        });
        executor.shutdownNow();
    }

    private void call(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    private <T> T call(Callable<T> c) {
        try {
            return executor.submit(c).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the layer2 announcer", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
