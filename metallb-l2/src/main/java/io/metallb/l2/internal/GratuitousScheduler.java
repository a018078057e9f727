package io.metallb.l2.internal;

import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.MetricSink;
import io.metallb.l2.channel.PacketChannelException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gratuitous ARP / unsolicited NA: a bounded burst for each gained placement and the periodic re-announcement of
 * all of them. Runs on, and is owned by, the announcer's single thread (its executor).
 */
final class GratuitousScheduler {

    private static final System.Logger LOG = System.getLogger(GratuitousScheduler.class.getName());

    private final ScheduledExecutorService executor;
    private final Layer2Settings settings;
    private final InterfaceResponders responders;
    private final MetricSink metrics;
    private final Map<Placement, ScheduledFuture<?>> bursts = new HashMap<>();
    private Map<IpAddress, Set<String>> placed = Map.of();
    private ScheduledFuture<?> reannouncer;

    GratuitousScheduler(ScheduledExecutorService executor, Layer2Settings settings, InterfaceResponders responders,
            MetricSink metrics) {
        this.executor = executor;
        this.metrics = metrics;
        this.settings = settings;
        this.responders = responders;
        if (!settings.reannounce().isZero()) {
            long ms = settings.reannounce().toMillis();
            reannouncer = executor.scheduleAtFixedRate(this::reannounce, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the bursts of lost placements and starts one for each gained placement. */
    void placed(Map<IpAddress, Set<String>> next) {
        Set<Placement> before = Placement.of(placed);
        Set<Placement> after = Placement.of(next);
        placed = next;
        for (Placement p : before) {
            if (!after.contains(p)) {
                ScheduledFuture<?> f = bursts.remove(p);
                if (f != null) {
                    f.cancel(false);
                }
            }
        }
        for (Placement p : after) {
            if (!before.contains(p)) {
                startBurst(p);
            }
        }
    }

    /** At once, then every interval, {@code burstCount} rounds in all: bounded in count and time. */
    private void startBurst(Placement p) {
        int[] sent = {0};
        long ms = settings.burstInterval().toMillis();
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = executor.scheduleAtFixedRate(() -> {
            if (sent[0]++ >= settings.burstCount() || !announce(p)) {
                bursts.remove(p, self[0]);
                self[0].cancel(false);
            }
        }, 0, ms, TimeUnit.MILLISECONDS);
        bursts.put(p, self[0]);
    }

    /** Sends the gratuitous frames for {@code p} if it is still placed; false when it is not. */
    private boolean announce(Placement p) {
        InterfaceResponder r = responders.get(p.iface()).orElse(null);
        if (r == null || !placed.getOrDefault(p.address(), Set.of()).contains(p.iface())) {
            return false;
        }
        try {
            for (byte[] frame : GratuitousFrames.of(p.address(), r.channel().hardwareAddress())) {
                r.channel().send(frame);
                metrics.add("metallb_layer2_gratuitous_sent", Map.of("ip", p.address().toString()), 1);
            }
        } catch (PacketChannelException e) {
            // Thrown out of a scheduled task it would cancel the burst or the re-announcer for good.
            LOG.log(System.Logger.Level.WARNING, "layer2: gratuitous announcement of " + p.address() + " on "
                    + p.iface() + ": " + e.getMessage());
        }
        return true;
    }

    private void reannounce() {
        Placement.of(placed).forEach(this::announce);
    }

    /** Stops the re-announcement (bursts end by themselves once nothing is placed). */
    void stop() {
        if (reannouncer != null) {
            reannouncer.cancel(false);
        }
    }
}
