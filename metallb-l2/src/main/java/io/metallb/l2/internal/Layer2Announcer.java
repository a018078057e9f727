package io.metallb.l2.internal;

import io.metallb.api.config.Config;
import io.metallb.api.config.L2Advertisement;
import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.Announcement;
import io.metallb.api.spi.AnnouncementStatus;
import io.metallb.api.spi.Announcer;
import io.metallb.l2.channel.PacketChannelException;
import io.metallb.l2.channel.PacketChannelFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code layer2} announcer. Every piece of state is owned by one thread, the single executor: {@link #apply}
 * hands the desired set over and waits for the world to match, gratuitous bursts run on it, and the responders'
 * receive threads only read immutable snapshots it publishes.
 */
public final class Layer2Announcer implements Announcer {

    private final PacketChannelFactory channels;
    private final Layer2Settings settings;
    private final InterfaceScanner scanner;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "l2-announcer");
        t.setDaemon(true);
        return t;
    });
    // Owned by the executor thread.
    private final Map<String, InterfaceResponder> responders = new TreeMap<>();
    private final SolicitedNodeGroups groups = new SolicitedNodeGroups();
    private final Map<Placement, ScheduledFuture<?>> bursts = new HashMap<>();
    private Map<IpAddress, Set<String>> placed = Map.of();
    private ScheduledFuture<?> reannouncer;
    private Config lastConfig;
    private Set<Announcement> lastDesired = Set.of();
    private List<String> lastEligible = List.of();
    // Written by the executor, read by anyone.
    private volatile Map<Announcement, AnnouncementStatus> status = Map.of();

    /** One address on one interface. */
    private record Placement(IpAddress address, String iface) {
    }

    public Layer2Announcer(PacketChannelFactory channels, Layer2Settings settings) {
        this.channels = channels;
        this.settings = settings;
        this.scanner = new InterfaceScanner(settings.sysClassNet(), settings.excludedInterfaces());
        if (!settings.reannounce().isZero()) {
            long ms = settings.reannounce().toMillis();
            reannouncer = executor.scheduleAtFixedRate(this::reannounce, ms, ms, TimeUnit.MILLISECONDS);
        }
        long rescanMs = settings.rescan().toMillis();
        executor.scheduleWithFixedDelay(this::rescan, rescanMs, rescanMs, TimeUnit.MILLISECONDS);
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
        Map<IpAddress, Set<String>> next = new TreeMap<>();
        Map<Announcement, AnnouncementStatus> nextStatus = new HashMap<>();
        for (Announcement a : desired) {
            Set<String> ifaces = interfacesFor(config, a, eligible);
            if (ifaces.isEmpty()) {
                nextStatus.put(a, new AnnouncementStatus(AnnouncementStatus.State.FAILED,
                        "no eligible interface (eligible here: " + eligible + ")"));
                continue;
            }
            next.computeIfAbsent(a.address(), k -> new TreeSet<>()).addAll(ifaces);
            nextStatus.put(a, new AnnouncementStatus(AnnouncementStatus.State.ANNOUNCED, "on " + ifaces));
        }
        Set<String> failedIfaces = openResponders(next);
        if (!failedIfaces.isEmpty()) {
            next.values().forEach(s -> s.removeAll(failedIfaces));
            next.values().removeIf(Set::isEmpty);
            for (Announcement a : desired) {
                if (!next.containsKey(a.address()) && nextStatus.get(a).state() == AnnouncementStatus.State.ANNOUNCED) {
                    nextStatus.put(a, new AnnouncementStatus(AnnouncementStatus.State.FAILED,
                            "cannot open " + failedIfaces + " (see the log)"));
                }
            }
        }
        publish(next);
        status = Map.copyOf(nextStatus);
    }

    /** MetalLB: any matching advertisement without interfaces means every eligible interface. */
    private static Set<String> interfacesFor(Config config, Announcement a, List<String> eligible) {
        Set<String> out = new TreeSet<>();
        boolean all = a.advertisements().isEmpty();
        for (String name : a.advertisements()) {
            L2Advertisement ad = config.l2Advertisements().get(name);
            if (ad == null || ad.interfaces().isEmpty()) {
                all = true;
            } else {
                out.addAll(ad.interfaces());
            }
        }
        if (all) {
            return new TreeSet<>(eligible);
        }
        out.retainAll(eligible);
        return out;
    }

    private Set<String> openResponders(Map<IpAddress, Set<String>> next) {
        Set<String> wanted = new TreeSet<>();
        next.values().forEach(wanted::addAll);
        Set<String> failed = new TreeSet<>();
        for (String iface : wanted) {
            if (!responders.containsKey(iface)) {
                try {
                    InterfaceResponder r = new InterfaceResponder(channels.open(iface));
                    r.start();
                    responders.put(iface, r);
                } catch (RuntimeException e) {
                    System.getLogger(Layer2Announcer.class.getName()).log(System.Logger.Level.ERROR,
                            "layer2: cannot answer on " + iface + ": " + e.getMessage());
                    failed.add(iface);
                }
            }
        }
        return failed;
    }

    /** Publishes the new placement: losses first (answers stop), then gains (answers start, bursts go out). */
    private void publish(Map<IpAddress, Set<String>> next) {
        Set<Placement> before = placements(placed);
        Set<Placement> after = placements(next);
        placed = next;
        for (Map.Entry<String, InterfaceResponder> e : responders.entrySet()) {
            Set<IpAddress> here = new HashSet<>();
            Set<IpAddress> elsewhere = new HashSet<>();
            next.forEach((ip, ifaces) -> (ifaces.contains(e.getKey()) ? here : elsewhere).add(ip));
            e.getValue().own(new InterfaceResponder.Owned(here, elsewhere));
            if (settings.joinGroups()) {
                groups.set(e.getKey(), here);
            }
        }
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
        responders.entrySet().removeIf(e -> {
            boolean unused = next.values().stream().noneMatch(s -> s.contains(e.getKey()));
            if (unused) {
                e.getValue().close();
            }
            return unused;
        });
    }

    private static Set<Placement> placements(Map<IpAddress, Set<String>> m) {
        Set<Placement> out = new HashSet<>();
        m.forEach((ip, ifaces) -> ifaces.forEach(i -> out.add(new Placement(ip, i))));
        return out;
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
        InterfaceResponder r = responders.get(p.iface());
        if (r == null || !placed.getOrDefault(p.address(), Set.of()).contains(p.iface())) {
            return false;
        }
        try {
            for (byte[] frame : GratuitousFrames.of(p.address(), r.channel().hardwareAddress())) {
                r.channel().send(frame);
            }
        } catch (PacketChannelException e) {
            // Thrown out of a scheduled task it would cancel the burst or the re-announcer for good.
            System.getLogger(Layer2Announcer.class.getName()).log(System.Logger.Level.WARNING,
                    "layer2: gratuitous announcement of " + p.address() + " on " + p.iface() + ": " + e.getMessage());
        }
        return true;
    }

    private void reannounce() {
        placements(placed).forEach(this::announce);
    }

    @Override
    public Map<Announcement, AnnouncementStatus> status() {
        return status;
    }

    /** Replies sent and frames dropped by reason, summed over interfaces; for metrics and tests. */
    public Map<String, Long> counters() {
        return call(() -> {
            Map<String, Long> out = new TreeMap<>();
            for (InterfaceResponder r : responders.values()) {
                out.merge("replies", r.replies(), Long::sum);
                out.merge("send-failures", r.sendFailures(), Long::sum);
                r.drops().forEach((reason, n) -> out.merge("drop." + reason, n, Long::sum));
            }
            return out;
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
            if (reannouncer != null) {
                reannouncer.cancel(false);
            }
            responders.values().forEach(InterfaceResponder::close);
            responders.clear();
            groups.close();
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

    private <T> T call(java.util.concurrent.Callable<T> c) {
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
