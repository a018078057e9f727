package io.metallb.l2.internal;

import io.metallb.api.net.IpAddress;
import io.metallb.api.spi.MetricSink;
import io.metallb.l2.channel.PacketChannel;
import io.metallb.l2.channel.PacketChannelFactory;
import io.metallb.l2.internal.kernel.KernelNeighborResponder;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The open {@link InterfaceResponder}s, one per interface something is placed on, and the solicited-node groups
 * joined there. Owned by the announcer's thread.
 */
final class InterfaceResponders implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InterfaceResponders.class.getName());

    private final PacketChannelFactory channels;
    private final boolean joinGroups;
    private final boolean kernelResponder;
    private final MetricSink metrics;
    private final Map<String, InterfaceResponder> responders = new TreeMap<>();
    private final SolicitedNodeGroups groups = new SolicitedNodeGroups();

    InterfaceResponders(PacketChannelFactory channels, boolean joinGroups, boolean kernelResponder, MetricSink metrics) {
        this.channels = channels;
        this.joinGroups = joinGroups;
        this.kernelResponder = kernelResponder;
        this.metrics = metrics;
    }

    /** Opens and starts a responder on each of {@code wanted} not open yet; returns those that failed to open. */
    Set<String> open(Set<String> wanted) {
        Set<String> failed = new TreeSet<>();
        for (String iface : wanted) {
            if (!responders.containsKey(iface)) {
                try {
                    PacketChannel channel = channels.open(iface);
                    InterfaceResponder r = new InterfaceResponder(channel, kernelResponder ? kernel(channel) : null,
                            metrics);
                    r.start();
                    responders.put(iface, r);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "layer2: cannot answer on " + iface + ": " + e.getMessage());
                    failed.add(iface);
                }
            }
        }
        return failed;
    }

    /** ARP/NDP answered in the kernel on {@code channel}'s interface, or null (logged) where that cannot be. */
    private static KernelNeighborResponder kernel(PacketChannel channel) {
        try {
            KernelNeighborResponder k = KernelNeighborResponder.open(channel.interfaceName(), channel.hardwareAddress());
            LOG.log(System.Logger.Level.INFO, "layer2: answering ARP and NDP in the kernel on "
                    + channel.interfaceName() + " (tcx program; unusual solicitations in user space)");
            return k;
        } catch (KernelNeighborResponder.Unavailable e) {
            LOG.log(System.Logger.Level.INFO, "layer2: answering ARP and NDP in user space on " + channel.interfaceName()
                    + ": " + e.getMessage());
            return null;
        }
    }

    /** Adds the requests answered in the kernel since the last call to the metrics. */
    void syncKernelCounters() {
        responders.values().forEach(InterfaceResponder::syncKernelCounters);
    }

    /** Tells every responder what it now answers for (and joins the matching groups). */
    void own(Map<IpAddress, Set<String>> placed) {
        for (Map.Entry<String, InterfaceResponder> e : responders.entrySet()) {
            Set<IpAddress> here = new HashSet<>();
            Set<IpAddress> elsewhere = new HashSet<>();
            placed.forEach((ip, ifaces) -> (ifaces.contains(e.getKey()) ? here : elsewhere).add(ip));
            e.getValue().own(new InterfaceResponder.Owned(here, elsewhere));
            if (joinGroups) {
                groups.set(e.getKey(), here);
            }
        }
    }

    /** Closes the responders of interfaces nothing is placed on. */
    void closeUnused(Map<IpAddress, Set<String>> placed) {
        responders.entrySet().removeIf(e -> {
            boolean unused = placed.values().stream().noneMatch(s -> s.contains(e.getKey()));
            if (unused) {
                e.getValue().close();
            }
            return unused;
        });
    }

    Optional<InterfaceResponder> get(String iface) {
        return Optional.ofNullable(responders.get(iface));
    }

    /** Replies sent and frames dropped by reason, summed over interfaces. */
    Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        for (InterfaceResponder r : responders.values()) {
            out.merge("replies", r.replies(), Long::sum);
            out.merge("kernel-replies", r.kernelReplies(), Long::sum);
            out.merge("send-failures", r.sendFailures(), Long::sum);
            out.merge("reply-nanos", r.replyNanos(), Long::sum);
            out.merge("reply-nanos-max", r.replyNanosMax(), Math::max);
            r.drops().forEach((reason, n) -> out.merge("drop." + reason, n, Long::sum));
        }
        return out;
    }

    @Override
    public void close() {
        responders.values().forEach(InterfaceResponder::close);
        responders.clear();
        groups.close();
    }
}
